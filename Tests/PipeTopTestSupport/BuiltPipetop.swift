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
        return try ProcessRun.run(path, arguments, environment: environment, input: input, timeout: timeout)
    }

    /// Runs `/bin/sh -c script`, where `"$PIPETOP"` is the binary: for pipelines such as
    /// `"$PIPETOP" demo --headless | head -1`. A timeout kills the shell, not what it started.
    public static func runShell(
        _ script: String, environment: [String: String] = [:], input: Data? = nil, timeout: Duration = .seconds(120)
    ) throws -> RunResult {
        guard isBuilt else { throw BuiltPipetopError.notBuilt(path) }
        return try ProcessRun.run("/bin/sh", ["-c", script], environment: environment.merging(["PIPETOP": path]) { $1 },
                              input: input, timeout: timeout)
    }
}
