import Foundation
import PipeTopCore
import PipeTopKafka
import PipeTopTestSupport
import Testing

/// The scriptable control plane against `pipetop demo --kafka --headless` on the real broker:
/// exit codes, JSON output and the audit log of promote, rollback, retire, models and status.
@Suite(.kafkaBroker, .serialized)
struct KafkaControlCLITests {
    @Test func promoteRollbackRetireModelsStatusAndAudit() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("cli")
        let audit = NSTemporaryDirectory() + "pipetop-cli-audit-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let config = try PipetopProcess.config("""
            [control]
            audit_log = "\(audit)"
            \(ContractJSON.topicsTable(topics))
            """)
        // One pipeline, five times faster than real time, retrained every 600 s of pipeline time:
        // a candidate lives 120 s of wall time before the next one retires it. (At 150 s it lived
        // 30 s, and at 300 s 60 s, and with the whole suite sharing two cores the one read from
        // the registry was sometimes retired before the promote reached it.) Stopped below,
        // before its duration.
        let demo = try PipetopProcess(
            ["demo", "--kafka", "--headless", "--brokers", broker.bootstrap, "--pipelines", "1", "--duration", "600s",
             "--speed", "5", "--rate", "200", "--retrain-every", "600s"], config: config)
        func run(_ args: [String]) throws -> RunResult {
            try Pipetop.run(args + ["--brokers", broker.bootstrap, "--config", config])
        }
        func registry() throws -> [String: Any]? {
            let r = try run(["models", "--pipeline", "fraud", "--json", "--wait", "5s"])
            guard r.status == 0, let list = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]],
                  let models = list.first?["models"] as? [[String: Any]] else { return nil }
            return models.first
        }
        // The first retrain publishes a candidate; wait for it on the models topic.
        var candidate: Int?
        let appeared = await eventually(timeout: .seconds(240)) {
            candidate = ((try? registry())??["candidates"] as? [Int])?.last
            return candidate != nil
        }
        try #require(appeared, "no candidate: \(demo.stderr)")
        let v = try #require(candidate)

        // Waits of a minute: with the whole suite running on two cores the demo process may take
        // a while to apply a command; a working one answers within a second or two.
        let promoted = try run(["promote", "--pipeline", "fraud", "--to", "\(v)", "--reason", "recovers accuracy", "--wait", "60s"])
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(promoted.stdout.hasPrefix("promote fraud/fraud-lr v1 → v\(v): applied (command "))
        #expect(try registry()?["primary"] as? Int == v)

        let again = try run(["promote", "--pipeline", "fraud", "--to", "\(v)"])
        #expect(again.status == 1)
        #expect(again.stderr == "pipetop: promote refused: v\(v) is already serving\n")
        let unknown = try run(["promote", "--pipeline", "fraud", "--to", "999"])
        #expect(unknown.status == 1 && unknown.stderr.contains("fraud-lr has no version v999"))
        let retireServing = try run(["retire", "--pipeline", "fraud", "--to", "\(v)"])
        #expect(retireServing.status == 1 && retireServing.stderr.contains("is serving"))
        let noPipeline = try run(["rollback", "--pipeline", "nosuch"])
        #expect(noPipeline.status == 1 && noPipeline.stderr.contains("unknown pipeline nosuch"))

        let rolledBack = try run(["rollback", "--pipeline", "fraud", "--reason", "drill", "--wait", "60s"])
        #expect(rolledBack.status == 0, "\(rolledBack.stderr)")
        #expect(rolledBack.stdout.hasPrefix("roll back fraud/fraud-lr v\(v) → v1: applied"))
        #expect(try registry()?["primary"] as? Int == 1)

        let status = try run(["status", "--json", "--watch", "2s"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        #expect(report.first?["pipeline"] as? String == "fraud")
        #expect(report.first?["serving"] as? [String] == ["fraud-lr v1"])
        let critical = report.contains { ($0["alerts"] as? [[String: Any]] ?? []).contains { $0["severity"] as? String == "critical" } }
        #expect(status.status == (critical ? 1 : 0), "exit 1 exactly when a critical alert is active")

        // Once the pipeline is gone nobody answers: a timeout, exit 2.
        demo.terminate()
        _ = await demo.wait(timeout: .seconds(30))
        if let next = (try registry()?["candidates"] as? [Int])?.last {
            let timedOut = try run(["promote", "--pipeline", "fraud", "--to", "\(next)", "--wait", "2s"])
            #expect(timedOut.status == 2)
            #expect(timedOut.stderr.contains("timed out after 2 s"))
        }

        let entries = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").compactMap { AuditEntry.parse($0) }
        let outcomes = entries.map { "\($0.action) \($0.outcome)" }
        #expect(Array(outcomes.prefix(8)) == [
            "promote sent", "promote applied", "promote refused", "promote refused", "retire refused", "rollback refused",
            "rollback sent", "rollback applied",
        ])
        #expect(entries.first?.reason == "recovers accuracy" && entries.first?.to == v && entries.first?.from == 1)
        // Refusals are attempts: audited with what was asked and why nothing was sent.
        let refused = entries.filter { $0.outcome == "refused" }.prefix(4).map { "\($0.pipeline)/\($0.model) \($0.to.map { "v\($0)" } ?? "-"): \($0.detail ?? "")" }
        #expect(refused == [
            "fraud/fraud-lr v\(v): v\(v) is already serving", "fraud/fraud-lr v999: fraud-lr has no version v999",
            "fraud/fraud-lr v\(v): v\(v) is serving; promote another version or roll back first",
            "nosuch/ -: unknown pipeline nosuch (known: fraud)",
        ])
    }
}
