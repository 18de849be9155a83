import Foundation
import Synchronization

/// A command line run through `/bin/sh -c`, its output captured: how configuration values
/// (`{ command = "pass show kafka" }`) and OAuth tokens (`oauth_token_command`) are fetched.
public struct ShellCommand: Sendable, Hashable {
    /// What the command did.
    public struct Result: Sendable, Hashable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// Standard output without surrounding whitespace and newlines.
        public var trimmedOutput: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

        /// Standard error on one line (newlines become `; `), for an error message.
        public var stderrLine: String {
            stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: "; ")
        }

        /// `exit 1: what it wrote to stderr`, or just the status when it wrote nothing.
        public var failureText: String {
            let why = stderrLine
            return why.isEmpty ? "exit \(status)" : "exit \(status): \(why)"
        }
    }

    public var command: String

    public init(_ command: String) {
        self.command = command
    }

    /// Runs the command to its end with `environment` (the process's own when nil), stdin
    /// empty. Throws only when `/bin/sh` cannot be started.
    public func run(environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes are drained at once, so a command filling one cannot block on the other.
        let errData = Mutex<Data>(Data())
        let done = DispatchSemaphore(value: 0)
        Thread {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errData.withLock { $0 = data }
            done.signal()
        }.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.withLock { $0 }, as: UTF8.self))
    }
}
