import Foundation

/// A command run to its end for a test, its output through temporary files rather than
/// pipes: a child that fills one pipe's 64 KB while the test reads the other would never finish.
public enum ProcessRun {
    /// Runs `executable arguments` with `environment` over the test's own, `input` on its
    /// standard input (none: /dev/null), in `directory` (nil: the test's), killed after `timeout`.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil,
        directory: String? = nil, timeout: Duration = .seconds(120)
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
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
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
        guard finished else { throw BuiltPipetopError.timedOut([executable] + arguments, after: timeout, run) }
        return run
    }
}
