import Foundation
import PipeTopKafka

/// Where the Kafka test tools are: set up by `scripts/kafka-env` (run by `make test` through
/// `scripts/install-deps test`). A missing piece fails the tests with what to run; nothing is skipped.
enum KafkaTestSetup {
    /// The repository root, from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, PipeTopKafkaTests, Tests, file
        return url.path
    }()

    static let hint = "run `make test`, or `scripts/kafka-env` and then `LD_LIBRARY_PATH=\(root)/.build-kafka/lib swift test`"

    /// The Tansu broker binary: `$PIPETOP_TANSU`, else `.build-kafka/bin/tansu`.
    static var tansu: String {
        ProcessInfo.processInfo.environment["PIPETOP_TANSU"] ?? root + "/.build-kafka/bin/tansu"
    }

    /// The directory holding librdkafka 2.16 as `librdkafka.so.1`.
    static var libraryDirectory: String { root + "/.build-kafka/lib" }

    /// Debian's kcat.
    static var kcat: String { "/usr/bin/kcat" }

    /// `scripts/NAME arguments` with the Kafka tools' virtualenv, ready to run.
    static func venvScript(_ name: String, _ arguments: [String]) throws -> Process {
        let python = root + "/.build-kafka/venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw SetupError("no virtualenv at \(python); \(hint)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [root + "/scripts/" + name] + arguments
        return p
    }

    /// Runs `process` to its end, its output discarded: its status and what it wrote to standard error.
    static func run(_ process: Process) throws -> (status: Int32, stderr: String) {
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let text = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }

    /// Fails when the broker, kcat or a librdkafka that can talk to Tansu is missing.
    static func check() throws {
        let files = FileManager.default
        guard files.isExecutableFile(atPath: tansu) else {
            throw SetupError("the Tansu broker is not at \(tansu); \(hint)")
        }
        guard files.isExecutableFile(atPath: kcat) else {
            throw SetupError("kcat is not installed (\(kcat)); run `scripts/install-deps test`")
        }
        // Debian's librdkafka 2.0 fails Tansu's ApiVersion reply; 2.16 must be loaded instead.
        guard KafkaLibrary.versionNumber >= 0x020A_0000 else {
            throw SetupError("librdkafka \(KafkaLibrary.version) is loaded, which cannot talk to the test broker; \(hint)")
        }
    }
}

/// A test environment problem, said plainly.
struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
