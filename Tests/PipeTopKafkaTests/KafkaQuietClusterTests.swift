import Foundation
import PipeTopCore
import PipeTopKafka
import Testing

/// A live dashboard whose broker dies: the store's time moves on with the wall clock, so the
/// rates fall, the pipeline turns STALE with its alert and the snapshot says since when
/// nothing arrived, with no snapshot taken meanwhile (a paused display). The test's broker is
/// its own, not the suite's shared one, since it is killed.
@Suite(.serialized)
struct KafkaQuietClusterTests {
    @Test func aKilledBrokerLeavesFallingRatesAndAStalePipeline() async throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let topics = ContractJSON.topics("quiet")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 1)
        var settings = EngineSettings()
        settings.alerts.staleAfterSeconds = 3
        var options = KafkaSourceOptions()
        options.retryInterval = .seconds(1)
        options.metadataTimeout = .milliseconds(500)
        options.metadataRefresh = .seconds(1)
        let source = KafkaSource(config: config, topics: topics, options: options)
        // The store the dashboard gives a Kafka source: on the wall clock.
        let store = PipelineStore(settings: settings, basis: source.clockBasis)
        try source.start(into: store)
        defer { source.stop() }

        // An instance reporting 2,000 records a second of its time, four reports a second.
        let sink = try KafkaSink(config: config, topics: topics)
        var report = 0
        func publish() throws {
            var batch = MessageBatch()
            batch.append(topic: .metrics, key: "i", value: Array(ContractJSON.metrics("quiet", instance: "i", atS: Int64(report), recordsIn: report * 2_000).utf8))
            try sink.publish(batch)
            try sink.flush()
            report += 1
        }
        var flowing = false
        for _ in 0..<40 where !flowing {
            try publish()
            try await Task.sleep(for: .milliseconds(250))
            flowing = store.snapshot().pipeline(named: "quiet")?.throughput.recordsIn.s1 == 2_000
        }
        #expect(flowing)
        // Every report read, so the last arrival is final.
        #expect(await eventually(timeout: .seconds(15)) {
            store.snapshot().pipeline(named: "quiet")?.instances.first?.recordsIn == UInt64((report - 1) * 2_000)
        })
        let lastArrival = try #require(store.snapshot().pipeline(named: "quiet")?.lastArrivalMs)

        broker.kill()
        // No snapshot for 5 s: the store's own tick evaluates the alerts.
        try await Task.sleep(for: .seconds(5))
        let quiet = store.snapshot()
        let p = try #require(quiet.pipeline(named: "quiet"))
        #expect(p.status == .stale)
        #expect(p.throughput.recordsIn.s1 == 0)
        #expect(p.throughput.recordsIn.s10 < 2_000)
        #expect(quiet.pipelines.reduce(0) { $0 + $1.throughput.recordsIn.s1 } == 0, "the header's rec/s in")
        #expect(quiet.quietSinceMs == lastArrival)
        let stale = try #require(quiet.alerts.first { $0.kind == .stale && $0.scope == "quiet" })
        // Raised at the first evaluation after 3 s of silence: in the next whole second, seen by a
        // tick within 250 ms (a second allowed for a busy machine).
        let due = lastArrival + 3_000
        #expect(stale.sinceMs > due && stale.sinceMs <= (due / 1_000 + 2) * 1_000, "raised at \(stale.sinceMs - lastArrival) ms of silence")
        #expect(quiet.alertHistory.contains { $0.change == .raised && $0.alert.kind == .stale && $0.atMs == stale.sinceMs })
    }
}
