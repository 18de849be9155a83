import Foundation
import Synchronization

/// `scripts/foreign-pipeline`, the tests' model-as-data pipeline that knows nothing of
/// pipetop, run with the Kafka tools' virtualenv on the topics `prefix.models`,
/// `prefix.records`, `prefix.scored` and `prefix.errors`: its trainer and feeder to
/// completion, its scorer and background feeders until dropped (then killed).
final class ForeignPipeline: Sendable {
    let brokers: String
    let prefix: String
    private let running = Mutex<[Process]>([])
    private let logPath: String

    var models: String { prefix + ".models" }
    var records: String { prefix + ".records" }
    var scored: String { prefix + ".scored" }
    var errors: String { prefix + ".errors" }
    var group: String { prefix + "-scorers" }

    init(brokers: String, prefix: String) {
        self.brokers = brokers
        self.prefix = prefix
        logPath = NSTemporaryDirectory() + "foreign-scorer-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    }

    deinit {
        for p in running.withLock({ $0 }) where p.isRunning { kill(p.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    /// What the scorer printed: one line per model it loaded.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Starts the scorer; `revisionInOutput` false leaves the version out of its results.
    func startScorer(revisionInOutput: Bool = true) throws {
        let p = try Self.process(
            ["score", "--brokers", brokers, "--models", models, "--records", records, "--scored", scored, "--errors", errors,
             "--group", group] + (revisionInOutput ? [] : ["--no-revision"]))
        p.standardOutput = FileHandle(forWritingAtPath: logPath)
        p.standardError = p.standardOutput
        try start(p)
    }

    /// Publishes revision `revision`, trained with `seed`.
    func train(revision: Int, seed: Int, note: String) throws {
        try Self.run(["train", "--brokers", brokers, "--topic", models, "--revision", "\(revision)", "--seed", "\(seed)", "--note", note])
    }

    /// Produces `count` records at `rate` a second, alcohol shifted by `shift`.
    func feed(count: Int, rate: Int, shift: Double = 0, seed: Int) throws {
        try Self.run(feedArguments(count: count, rate: rate, shift: shift, seed: seed))
    }

    /// `feed`, in the background until it is done or the pipeline is dropped.
    func feedInBackground(count: Int, rate: Int, shift: Double = 0, seed: Int) throws {
        let p = try Self.process(feedArguments(count: count, rate: rate, shift: shift, seed: seed))
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try start(p)
    }

    private func feedArguments(count: Int, rate: Int, shift: Double, seed: Int) -> [String] {
        ["feed", "--brokers", brokers, "--topic", records, "--count", "\(count)", "--rate", "\(rate)", "--shift", "\(shift)", "--seed", "\(seed)"]
    }

    private func start(_ p: Process) throws {
        try p.run()
        running.withLock { $0.append(p) }
    }

    private static func run(_ arguments: [String]) throws {
        let run = try KafkaTestSetup.run(try process(arguments))
        guard run.status == 0 else { throw SetupError("foreign-pipeline \(arguments[0]) failed: \(run.stderr)") }
    }

    private static func process(_ arguments: [String]) throws -> Process {
        try KafkaTestSetup.venvScript("foreign-pipeline", arguments)
    }
}
