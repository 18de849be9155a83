import Foundation
import PipeTopTestSupport
import Synchronization

/// The built `pipetop` running in the background (a demo pipeline over Kafka) while the test
/// reads the cluster, its standard error kept in a file; killed when dropped.
final class PipetopProcess: Sendable {
    let arguments: [String]
    private let process: Process
    private let errorPath: String

    /// Starts `pipetop arguments --config config` (an empty configuration when nil), with
    /// librdkafka 2.16 first on its library path.
    init(_ arguments: [String], config: String? = nil) throws {
        guard BuiltPipetop.isBuilt else { throw BuiltPipetopError.notBuilt(BuiltPipetop.path) }
        self.arguments = arguments
        errorPath = NSTemporaryDirectory() + "pipetop-kafka-bg-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: BuiltPipetop.path)
        p.arguments = arguments + ["--config", try config ?? Self.emptyConfig()]
        p.environment = ProcessInfo.processInfo.environment.merging(Pipetop.environment) { $1 }
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle(forWritingAtPath: errorPath)
        try p.run()
        process = p
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: errorPath)
    }

    /// A configuration file with `text`, so the user's own never changes what is tested.
    static func config(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "pipetop-kafka-tests-\(UUID().uuidString).toml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func emptyConfig() throws -> String { try config("# empty\n") }

    var isRunning: Bool { process.isRunning }

    /// What it wrote to standard error so far.
    var stderr: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// SIGTERM: a demo stops cleanly, flushing what it produced.
    func terminate() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    }

    /// Its exit status once it exits within `timeout`; nil if it is still running then.
    func wait(timeout: Duration) async -> Int32? {
        guard await eventually(timeout: timeout, { !process.isRunning }) else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
