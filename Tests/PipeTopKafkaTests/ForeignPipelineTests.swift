import Foundation
import PipeTopCore
import PipeTopKafka
import PipeTopTestSupport
import Testing

/// A pipeline that was not written for pipetop (`scripts/foreign-pipeline`: a numpy scorer that
/// serves whatever models message arrived last, in its own JSON), watched and controlled with
/// configuration alone, through the `pipetop` binary: serving version, rates, drift on a
/// shifted input, a rollback by re-publishing that the scorer obeys, the audit log, and a
/// promotion where the scored records carry no version.
@Suite(.kafkaBroker, .serialized)
struct ForeignPipelineTests {
    private static func config(_ pipeline: ForeignPipeline, audit: String, versionInScored: Bool = true) throws -> String {
        try PipetopProcess.config("""
            [control]
            audit_log = "\(audit)"
            ack_timeout = "20s"

            [drift]
            reference_window = 300
            current_window = 300

            [[pipelines]]
            name = "wine"
            scored_topic = "\(pipeline.scored)"
            models_topic = "\(pipeline.models)"
            input_topic = "\(pipeline.records)"
            errors_topic = "\(pipeline.errors)"
            consumer_group = "\(pipeline.group)"
            control = "republish"

            [pipelines.scored]
            format = "json"
            key = "/request_id"
            model = "/model/name"
            \(versionInScored ? #"version = "/model/rev""# : "")
            score = "/probability"
            prediction = "/predicted"
            latency_us = "/elapsed_us"
            ts = "/scored_at"
            features = "/inputs"

            [pipelines.models]
            format = "json"
            model = "/model"
            version = "/revision"
            artifact = "/weights"
            description = "/note"
            ts = "/trained_at"
            """)
    }

    private static func json(_ text: String) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
    }

    /// The wine-quality model as `pipetop models --json` reports it.
    private static func model(_ run: ([String]) throws -> RunResult) -> [String: Any]? {
        guard let r = try? run(["models", "--json", "--wait", "5s"]), r.status == 0 else { return nil }
        return (json(r.stdout).first?["models"] as? [[String: Any]])?.first
    }

    private static func version(_ model: [String: Any]?, _ v: Int) -> [String: Any]? {
        (model?["versions"] as? [[String: Any]])?.first { $0["version"] as? Int == v }
    }

    @Test func aForeignPipelineIsWatchedAndRolledBackByRepublishingItsModel() async throws {
        let broker = try TestBroker.shared()
        let prefix = "foreign.\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap))
        try admin.createTopics([prefix + ".models", prefix + ".errors"], partitions: 1)
        try admin.createTopics([prefix + ".records", prefix + ".scored"], partitions: 2)
        let audit = NSTemporaryDirectory() + "pipetop-foreign-audit-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: audit) }

        let pipeline = ForeignPipeline(brokers: broker.bootstrap, prefix: prefix)
        try pipeline.train(revision: 1, seed: 1, note: "first")
        try pipeline.startScorer()
        let config = try Self.config(pipeline, audit: audit)
        func run(_ args: [String]) throws -> RunResult {
            try Pipetop.run(args + ["--brokers", broker.bootstrap, "--config", config])
        }

        // Revision 1 serves, then the trainer publishes revision 2 and the scorer takes it.
        try pipeline.feed(count: 400, rate: 400, seed: 1)
        #expect(await eventually(timeout: .seconds(30)) { Self.model(run)?["primary"] as? Int == 1 }, "scorer: \(pipeline.log)")
        try pipeline.train(revision: 2, seed: 2, note: "retrained")
        try pipeline.feed(count: 200, rate: 400, seed: 2)
        #expect(await eventually(timeout: .seconds(30)) { Self.model(run)?["primary"] as? Int == 2 }, "scorer: \(pipeline.log)")
        let model = Self.model(run)
        #expect(Self.version(model, 1)?["state"] as? String == "replaced")
        #expect(Self.version(model, 2)?["description"] as? String == "retrained")
        #expect(Self.version(model, 2)?["message"] as? String == "\(pipeline.models)[0]@1")

        // Shifted input: alcohol two standard deviations up. (Few records: a one-shot command
        // learns which version served before from the last 1,000 scored records a partition,
        // and revision 1's must still be among them for the rollback below.)
        try pipeline.feed(count: 700, rate: 350, shift: 2.0, seed: 3)
        // A trickle from here on: the input rate, and records to acknowledge the rollback below.
        try pipeline.feedInBackground(count: 3_000, rate: 60, seed: 4)
        var wine: [String: Any]?
        var exit: Int32 = -1
        let drifted = await eventually(timeout: .seconds(40)) {
            guard let r = try? run(["status", "--json", "--watch", "3s"]) else { return false }
            exit = r.status
            wine = Self.json(r.stdout).first { $0["pipeline"] as? String == "wine" }
            return (wine?["alerts"] as? [[String: Any]])?.contains { $0["kind"] as? String == "drift" } == true
        }
        #expect(drifted, "status: \(String(describing: wine))")
        // A critical alert makes `status` exit 1, as a runbook expects.
        let critical = (wine?["alerts"] as? [[String: Any]])?.contains { $0["severity"] as? String == "critical" } == true
        #expect(exit == (critical ? 1 : 0))
        #expect(wine?["serving"] as? [String] == ["wine-quality v2"])
        #expect((wine?["inPerSecond"] as? Double ?? 0) > 20)

        // Roll back: revision 1's message again on the models topic, which the scorer obeys;
        // the records it then scores with revision 1 acknowledge it.
        let rollback = try run(["rollback", "--pipeline", "wine", "--reason", "alcohol drift", "--wait", "20s"])
        #expect(rollback.status == 0, "\(rollback.stderr) scorer: \(pipeline.log)")
        #expect(rollback.stdout.hasPrefix("roll back wine/wine-quality v2 → v1: applied (command "))
        #expect(pipeline.log.components(separatedBy: "\n").filter { $0 == "loaded wine-quality revision 1" }.count == 2)
        let after = Self.model(run)
        #expect(after?["primary"] as? Int == 1)
        #expect(Self.version(after, 2)?["state"] as? String == "replaced")
        #expect(Self.version(after, 1)?["message"] as? String == "\(pipeline.models)[0]@2")
        let entries = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").compactMap { AuditEntry.parse($0) }
        #expect(entries.map(\.outcome) == ["sent", "applied"])
        #expect(entries.allSatisfy { $0.action == "rollback" && $0.from == 2 && $0.to == 1 && $0.reason == "alcohol drift" })
        #expect(Set(entries.map(\.id)).count == 1)

        let retire = try run(["retire", "--pipeline", "wine", "--to", "2"])
        #expect(retire.status == 1)
        #expect(retire.stderr.contains("retiring a version has no message to send"))

        // Where the scored records carry no version nothing can acknowledge: delivered, exit 0.
        let silent = try Self.config(pipeline, audit: audit, versionInScored: false)
        let promote = try Pipetop.run(["promote", "--pipeline", "wine", "--to", "2", "--brokers", broker.bootstrap, "--config", silent])
        #expect(promote.status == 0, "\(promote.stderr)")
        #expect(promote.stdout.hasPrefix("promote wine/wine-quality v1 → v2: delivered (no acknowledgement channel) (command "))
        // The scorer obeyed all the same.
        #expect(await eventually(timeout: .seconds(30)) { Self.model(run)?["primary"] as? Int == 2 }, "scorer: \(pipeline.log)")
    }
}
