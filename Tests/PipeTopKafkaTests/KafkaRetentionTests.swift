import Foundation
import PipeTopCore
import Testing

@testable import PipeTopKafka

/// A models topic that deletes old records is a warning on the dashboard; one compacted is not.
/// (Tansu reports only the settings a topic was created with, so each topic here sets them.)
@Suite(.kafkaBroker, .serialized)
struct KafkaRetentionTests {
    static func alerts(models settings: [String: String], prefix: String) async throws -> (alerts: [Alert], models: String) {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics(prefix)
        let admin = try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap))
        try admin.createTopics(Topic.allCases.filter { $0 != .models }.map { topics.name(of: $0) }, partitions: 1)
        try admin.createTopics([topics.models], partitions: 1, settings: settings)
        let store = PipelineStore(settings: EngineSettings(), basis: .arrival)
        let source = KafkaSource(config: KafkaClientConfig(brokers: broker.bootstrap), topics: topics, options: KafkaSourceOptions(backlog: 10))
        try source.start(into: store)
        defer { source.stop() }
        // Asked for once the metadata has the topic: within a second or two on a calm machine.
        #expect(await eventually(timeout: .seconds(60)) { source.statistics.retentionChecks > 0 }, "never answered")
        // Alerts are evaluated as each second begins.
        try await Task.sleep(for: .milliseconds(1_100))
        // (Every partition of the test broker has its leader: no false alarm from the metadata.
        // Tansu cannot show a partition without one, so the alert itself is tested without it.)
        #expect(!store.snapshot().alerts.contains { $0.kind == .leaderless }, "\(store.snapshot().alerts)")
        return (store.snapshot().alerts.filter { $0.kind == .retention }, topics.models)
    }

    @Test func aModelsTopicThatDeletesAfterADayIsAWarningSayingHowToKeepIt() async throws {
        let (alerts, models) = try await Self.alerts(models: ["retention.ms": "86400000"], prefix: "retention-day")
        let alert = try #require(alerts.first, "no retention alert")
        #expect(alerts.count == 1 && alert.severity == .warn && alert.scope == models)
        #expect(alert.message.hasPrefix("models topic \(models) deletes records older than 24h (retention.ms): "), "\(alert.message)")
        #expect(alert.message.hasSuffix("set cleanup.policy=compact, or retention.ms=-1 and retention.bytes=-1"), "\(alert.message)")
        // `pipetop models` says so too, on standard error.
        let topics = ContractJSON.topics("retention-day")
        let config = try PipetopProcess.config(ContractJSON.topicsTable(topics))
        let cli = try Pipetop.run(["models", "--brokers", try TestBroker.shared().bootstrap, "--config", config, "--wait", "5s"])
        #expect(cli.status == 0 && cli.stderr == "pipetop: warning: \(alert.message)\n", "\(cli.stderr)")
        let status = try Pipetop.run(["status", "--brokers", try TestBroker.shared().bootstrap, "--config", config, "--watch", "3s"])
        #expect(status.stderr.contains("pipetop: warning: \(models): \(alert.message)\n"), "\(status.stderr)")
    }

    @Test func aCompactedModelsTopicIsNoWarning() async throws {
        // A retention.ms beside compaction deletes nothing.
        let (alerts, _) = try await Self.alerts(models: ["cleanup.policy": "compact", "retention.ms": "86400000"], prefix: "retention-compact")
        #expect(alerts.isEmpty, "\(alerts)")
    }
}
