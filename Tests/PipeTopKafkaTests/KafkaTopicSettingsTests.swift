import Foundation
import PipeTopCore
import Testing

@testable import PipeTopKafka

/// What the source reads of its topics' configuration: a models topic that deletes old records
/// is a warning, one compacted is not; a topic with fewer replicas in sync than its
/// `min.insync.replicas` is critical. (Tansu reports only the settings a topic was created
/// with, so each topic here sets them; its one broker is every partition's only replica.)
@Suite(.kafkaBroker, .serialized)
struct KafkaTopicSettingsTests {
    /// The topic alerts of a source on topics named after `prefix`, created with `settings`,
    /// once the configuration was read and `until` holds of the alerts (or 60 s passed).
    static func alerts(_ settings: [Topic: [String: String]], prefix: String,
                       until: @escaping @Sendable ([Alert]) -> Bool = { _ in true }) async throws -> (alerts: [Alert], topics: TopicNames) {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics(prefix)
        let admin = try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap))
        for topic in Topic.allCases { try admin.createTopics([topics.name(of: topic)], partitions: 2, settings: settings[topic] ?? [:]) }
        let store = PipelineStore(settings: EngineSettings(), basis: .arrival)
        let source = KafkaSource(config: KafkaClientConfig(brokers: broker.bootstrap), topics: topics, options: KafkaSourceOptions(backlog: 10))
        try source.start(into: store)
        defer { source.stop() }
        // Asked for once the metadata has the topics: within a second or two on a calm machine.
        #expect(await eventually(timeout: .seconds(60)) { source.statistics.settingsChecks > 0 }, "never answered")
        // Alerts are evaluated as each second begins.
        try await Task.sleep(for: .milliseconds(1_100))
        _ = await eventually(timeout: .seconds(60)) { until(store.snapshot().alerts) }
        // (Every partition of the test broker has its leader: no false alarm from the metadata.
        // Tansu cannot show a partition without one, so that alert is tested without it.)
        #expect(!store.snapshot().alerts.contains { $0.kind == .leaderless }, "\(store.snapshot().alerts)")
        return (store.snapshot().alerts.filter { [.retention, .acksAll].contains($0.kind) }, topics)
    }

    @Test func aModelsTopicThatDeletesAfterADayIsAWarningSayingHowToKeepIt() async throws {
        let (alerts, topics) = try await Self.alerts([.models: ["retention.ms": "86400000"]], prefix: "retention-day") { !$0.isEmpty }
        let alert = try #require(alerts.first, "no retention alert")
        #expect(alerts.count == 1 && alert.kind == .retention && alert.severity == .warn && alert.scope == topics.models)
        #expect(alert.message.hasPrefix("models topic \(topics.models) deletes records older than 24h (retention.ms): "), "\(alert.message)")
        #expect(alert.message.hasSuffix("set cleanup.policy=compact, or retention.ms=-1 and retention.bytes=-1"), "\(alert.message)")
        // `pipetop models` says so too, on standard error, and `pipetop status` with the alerts.
        let config = try PipetopProcess.config(ContractJSON.topicsTable(topics))
        let cli = try Pipetop.run(["models", "--brokers", try TestBroker.shared().bootstrap, "--config", config, "--wait", "5s"])
        #expect(cli.status == 0 && cli.stderr == "pipetop: warning: \(alert.message)\n", "\(cli.stderr)")
        let status = try Pipetop.run(["status", "--brokers", try TestBroker.shared().bootstrap, "--config", config, "--watch", "3s"])
        #expect(status.stderr.contains("pipetop: warning: \(topics.models): \(alert.message)\n"), "\(status.stderr)")
    }

    @Test func aCompactedModelsTopicIsNoWarning() async throws {
        // A retention.ms beside compaction deletes nothing.
        let (alerts, _) = try await Self.alerts([.models: ["cleanup.policy": "compact", "retention.ms": "86400000"]], prefix: "retention-compact")
        #expect(alerts.isEmpty, "\(alerts)")
    }

    /// The scored topic asks for 2 replicas in sync; the one broker is the only one.
    @Test func aTopicWithFewerReplicasInSyncThanItsMinimumIsCritical() async throws {
        let (alerts, topics) = try await Self.alerts([.scored: ["min.insync.replicas": "2"], .metrics: ["min.insync.replicas": "1"]],
                                                     prefix: "insync") { $0.contains { $0.kind == .acksAll } }
        #expect(alerts.map(\.scope) == [topics.scored], "the metrics topic's minimum is met: \(alerts)")
        let alert = try #require(alerts.first)
        #expect(alert.kind == .acksAll && alert.severity == .critical)
        #expect(alert.message == "2 of 2 partitions have 1 replica in sync, fewer than min.insync.replicas 2 (0, 1): "
                + "producers with acks=all, idempotent ones included, are refused", "\(alert.message)")
    }
}
