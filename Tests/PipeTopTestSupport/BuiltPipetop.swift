import Foundation

/// The `pipetop` that `swift build --build-tests` builds beside the test bundle, run to its end
/// for a test. Its standard output and error go to temporary files rather than pipes: a child
/// that fills one pipe's 64 KB while the test reads the other would never finish.
public enum BuiltPipetop {
    /// Where the binary is: the build directory the test bundle runs from.
    public static let path: String =
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pipetop").path

    /// Whether it is there to run.
    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs `pipetop arguments` with `environment` over the test's own, `input` on its standard
    /// input (none: /dev/null), killed after `timeout`.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], input: Data? = nil, timeout: Duration = .seconds(120)
    ) throws -> RunResult {
        guard isBuilt else { throw BuiltPipetopError.notBuilt(path) }
        return try launch(path, arguments, environment: environment, input: input, timeout: timeout)
    }

    /// Runs `/bin/sh -c script`, where `"$PIPETOP"` is the binary: for pipelines such as
    /// `"$PIPETOP" demo --headless | head -1`. A timeout kills the shell, not what it started.
    public static func runShell(
        _ script: String, environment: [String: String] = [:], input: Data? = nil, timeout: Duration = .seconds(120)
    ) throws -> RunResult {
        guard isBuilt else { throw BuiltPipetopError.notBuilt(path) }
        return try launch("/bin/sh", ["-c", script], environment: environment.merging(["PIPETOP": path]) { $1 },
                          input: input, timeout: timeout)
    }

    private static func launch(
        _ executable: String, _ arguments: [String], environment: [String: String], input: Data?, timeout: Duration
    ) throws -> RunResult {
        let files = FileManager.default
        let dir = files.temporaryDirectory.appendingPathComponent("pipetop-run-\(UUID().uuidString)")
        try files.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        _ = files.createFile(atPath: out.path, contents: nil)
        _ = files.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let input {
            let file = dir.appendingPathComponent("stdin")
            try input.write(to: file)
            process.standardInput = try FileHandle(forReadingFrom: file)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let (seconds, attoseconds) = timeout.components
        let limit = DispatchTime.now() + .milliseconds(Int(seconds * 1_000 + attoseconds / 1_000_000_000_000_000))
        let finished = exited.wait(timeout: limit) == .success
        if !finished {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let run = RunResult(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        guard finished else { throw BuiltPipetopError.timedOut(arguments, after: timeout, run) }
        return run
    }
}
