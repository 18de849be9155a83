import Foundation

/// `scripts/foreign-pipeline`, the tests' model-as-data pipeline that knows nothing of
/// pipetop, run with the Kafka tools' virtualenv: its trainer and feeder to completion, its
/// scorer in the background (killed when dropped).
final class ForeignPipeline: Sendable {
    let brokers: String
    let prefix: String
    private let scorer: Process
    private let logPath: String

    var models: String { prefix + ".models" }
    var records: String { prefix + ".records" }
    var scored: String { prefix + ".scored" }
    var errors: String { prefix + ".errors" }
    var group: String { prefix + "-scorers" }

    /// Starts the scorer on `prefix`'s topics; `revisionInOutput` false leaves the version out
    /// of its results.
    init(brokers: String, prefix: String, revisionInOutput: Bool = true) throws {
        self.brokers = brokers
        self.prefix = prefix
        logPath = NSTemporaryDirectory() + "foreign-scorer-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let models = prefix + ".models", records = prefix + ".records", scored = prefix + ".scored", errors = prefix + ".errors"
        let group = prefix + "-scorers"
        scorer = try Self.process(
            ["score", "--brokers", brokers, "--models", models, "--records", records, "--scored", scored, "--errors", errors,
             "--group", group] + (revisionInOutput ? [] : ["--no-revision"]))
        scorer.standardOutput = FileHandle(forWritingAtPath: logPath)
        scorer.standardError = scorer.standardOutput
        try scorer.run()
    }

    deinit {
        if scorer.isRunning { kill(scorer.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    /// What the scorer printed: one line per model it loaded.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Publishes revision `revision`, trained with `seed`.
    func train(revision: Int, seed: Int, note: String) throws {
        try Self.run(["train", "--brokers", brokers, "--topic", models, "--revision", "\(revision)", "--seed", "\(seed)", "--note", note])
    }

    /// Produces `count` records at `rate` a second, alcohol shifted by `shift`.
    func feed(count: Int, rate: Int, shift: Double = 0, seed: Int) throws {
        try Self.run(["feed", "--brokers", brokers, "--topic", records, "--count", "\(count)", "--rate", "\(rate)",
                      "--shift", "\(shift)", "--seed", "\(seed)"])
    }

    /// `feed`, in the background: the process, to kill when done.
    func feedInBackground(count: Int, rate: Int, shift: Double = 0, seed: Int) throws -> Process {
        let p = try Self.process(["feed", "--brokers", brokers, "--topic", records, "--count", "\(count)", "--rate", "\(rate)",
                                  "--shift", "\(shift)", "--seed", "\(seed)"])
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    private static func run(_ arguments: [String]) throws {
        let p = try process(arguments)
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let text = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw SetupError("foreign-pipeline \(arguments[0]) failed: \(String(decoding: text, as: UTF8.self))")
        }
    }

    private static func process(_ arguments: [String]) throws -> Process {
        let python = KafkaTestSetup.root + "/.build-kafka/venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw SetupError("no virtualenv at \(python); \(KafkaTestSetup.hint)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [KafkaTestSetup.root + "/scripts/foreign-pipeline"] + arguments
        return p
    }
}
