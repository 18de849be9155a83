import CRdKafka
import Foundation
import PipeTopCore
import Testing

@testable import PipeTopKafka

/// `[kafka] lag_groups`: a consumer group's committed offsets against high watermarks, shown
/// as the pipeline's lag instead of what its instances report.
@Suite(.kafkaBroker, .serialized)
struct KafkaLagTests {
    /// Commits `offsets` (topic, partition 0, offset) for `group` the way a pipeline's consumer
    /// does, without joining the group (a "simple consumer" commit, generation -1).
    static func commit(group: String, _ offsets: [(topic: String, offset: Int64)], broker: String) throws {
        try commit(group: group, partitions: offsets.map { ($0.topic, 0, $0.offset) }, broker: broker)
    }

    /// The same on any partitions.
    static func commit(group: String, partitions offsets: [(topic: String, partition: Int32, offset: Int64)], broker: String) throws {
        let client = try KafkaClient(
            kind: .consumer, properties: ["bootstrap.servers": broker, "group.id": group, "enable.auto.commit": "false"],
            log: KafkaLog())
        defer { client.destroy() }
        let list = rd_kafka_topic_partition_list_new(Int32(offsets.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (topic, partition, offset) in offsets {
            rd_kafka_topic_partition_list_add(list, topic, partition).pointee.offset = offset
        }
        let err = rd_kafka_commit(client.handle, list, 0)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw SetupError("commit: " + String(cString: rd_kafka_err2str(err))) }
    }

    @Test func groupLagReplacesTheReportedLagPerPipeline() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("lag")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 3)
        try KafkaAdmin(config: config).createTopics(["lag.input"], partitions: 3)
        // fraud and churn report a lag of 7 in their metrics.
        let metrics = ["fraud", "churn"].map { ContractJSON.metrics($0, instance: "a", atS: 1, recordsIn: 10) }.joined(separator: "\n")
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: topics.metrics, input: Data((metrics + "\n").utf8)).status == 0)
        // 20 records on partition 0 of the scored topic (which the source reads, so its
        // watermark comes from fetches) and of an input topic it does not read (ListOffsets;
        // one record per batch, see TestBroker).
        let scored = (0..<20).map { ContractJSON.scored("fraud", key: "k\($0)", atMs: ContractJSON.t0 + Int64($0)) }.joined(separator: "\n") + "\n"
        for topic in [topics.scored, "lag.input"] {
            #expect(try Kcat.produce(broker: broker.bootstrap, topic: topic, input: Data(scored.utf8), arguments: ["-p", "0"]).status == 0)
        }
        try Self.commit(group: "fraud-scorer", [(topics.scored, 5), ("lag.input", 12)], broker: broker.bootstrap)

        var options = KafkaSourceOptions(backlog: 100)
        options.lagGroups = LagGroup.parse(["fraud=fraud-scorer", "churn=nobody"])
        options.lagInterval = .milliseconds(300)
        let store = PipelineStore(settings: EngineSettings(), basis: .eventTime)
        let source = KafkaSource(config: config, topics: topics, options: options)
        try source.start(into: store)
        defer { source.stop() }

        // Usually within a second; a minute allows for the whole suite's load on the shared
        // broker (the probe asks again every 300 ms, each ListOffsets waiting at most 500 ms).
        let measured = await eventually(timeout: .seconds(60)) { store.snapshot().pipeline(named: "fraud")?.groupLag?.total == 23 }
        let fraud = try #require(store.snapshot().pipeline(named: "fraud"))
        #expect(measured, "group lag: \(String(describing: fraud.groupLag)); log: \(source.log.lines.map(\.text).suffix(5))")
        #expect(fraud.lag == 23, "the group's lag replaces the 7 the instances report")
        let partitions = fraud.groupLag?.partitions.map { "\($0.topic)/\($0.partition) \($0.committed)/\($0.high ?? -1)" }
        #expect(partitions == ["lag.input/0 12/20", "\(topics.scored)/0 5/20"])
        // A group that committed nothing leaves the reported lag.
        #expect(store.snapshot().pipeline(named: "churn")?.lag == 7)
        #expect(store.snapshot().pipeline(named: "churn")?.groupLag == nil)
    }

    /// A scorer that committed once and stopped with records left: its lag alone looks like a
    /// busy scorer's; that it has not moved for `group_stalled_after` is the alert.
    @Test func aGroupBehindThatStopsCommittingRaisesACriticalStalledAlert() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("stall")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 1)
        let metrics = ContractJSON.metrics("fraud", instance: "a", atS: 1, recordsIn: 10) + "\n"
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: topics.metrics, input: Data(metrics.utf8)).status == 0)
        let scored = (0..<20).map { ContractJSON.scored("fraud", key: "k\($0)", atMs: ContractJSON.t0 + Int64($0)) }.joined(separator: "\n") + "\n"
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: topics.scored, input: Data(scored.utf8), arguments: ["-p", "0"]).status == 0)
        try Self.commit(group: "stall-scorer", [(topics.scored, 5)], broker: broker.bootstrap)

        var options = KafkaSourceOptions(backlog: 100)
        options.lagGroups = LagGroup.parse(["fraud=stall-scorer"])
        options.lagInterval = .milliseconds(300)
        var settings = EngineSettings()
        settings.alerts.groupStalledAfterMs = 1_500
        let store = PipelineStore(settings: settings, basis: .arrival)
        let source = KafkaSource(config: config, topics: topics, options: options)
        try source.start(into: store)
        defer { source.stop() }

        let raised = await eventually(timeout: .seconds(60)) {
            store.snapshot().pipeline(named: "fraud")?.alerts.contains { $0.kind == .stalled } == true
        }
        let fraud = try #require(store.snapshot().pipeline(named: "fraud"))
        #expect(raised, "alerts: \(fraud.alerts); group lag: \(String(describing: fraud.groupLag))")
        let alert = try #require(fraud.alerts.first { $0.kind == .stalled })
        #expect(alert.severity == .critical && fraud.status == .critical)
        #expect(alert.message.hasPrefix("group stall-scorer stalled for ") && alert.message.hasSuffix(": \(topics.scored)[0] at 5 (lag 15)"), "\(alert.message)")

        // It commits again: the alert clears.
        try Self.commit(group: "stall-scorer", [(topics.scored, 20)], broker: broker.bootstrap)
        let cleared = await eventually(timeout: .seconds(60)) {
            store.snapshot().pipeline(named: "fraud")?.alerts.contains { $0.kind == .stalled } == false
        }
        #expect(cleared, "\(String(describing: store.snapshot().pipeline(named: "fraud")?.alerts))")
    }

    /// librdkafka (2.16, and its master of July 2026) aborts the process when an admin
    /// request to a group coordinator timed out while the coordinator was down and the
    /// coordinator then comes back (`Assertion eonce->refcnt > 0`, confluentinc/librdkafka pull
    /// request 5397): a broker restart slower than a request's timeout, as in any rolling
    /// restart, took the dashboard down. Here the lag probe (a round every 300 ms) and the
    /// Topics sampler (1 s waits) ask for a group's offsets all through a broker's 8 s
    /// outage, the process lives through its return, and both read the offset the group
    /// commits after it.
    @Test func groupOffsetsAskedWhileTheCoordinatorIsDownDoNotCrashWhenItReturns() async throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let topics = ContractJSON.topics("coord")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        func setUp(committing offset: Int64) throws {
            try KafkaAdmin(config: config).createTopics(topics, partitions: 1)
            let metrics = ContractJSON.metrics("fraud", instance: "a", atS: 1, recordsIn: 10)
            #expect(try Kcat.produce(broker: broker.bootstrap, topic: topics.metrics, input: Data((metrics + "\n").utf8)).status == 0)
            try Self.commit(group: "coord-scorer", [(topics.metrics, offset)], broker: broker.bootstrap)
        }
        try setUp(committing: 0)
        var options = KafkaSourceOptions(backlog: 100)
        options.lagGroups = LagGroup.parse(["fraud=coord-scorer"])
        options.lagInterval = .milliseconds(300)
        let store = PipelineStore(settings: EngineSettings(), basis: .eventTime)
        let source = KafkaSource(config: config, topics: topics, options: options)
        try source.start(into: store)
        defer { source.stop() }
        let sampler = try KafkaTopicsSampler(config: config, timeout: .seconds(1))
        func committed() -> Int64? { store.snapshot().pipeline(named: "fraud")?.groupLag?.partitions.first?.committed }
        func sampled() -> Int64? { (try? sampler.sample(groups: ["coord-scorer"]))?.committed["coord-scorer"]?[topics.metrics]?[0] }
        #expect(await eventually(timeout: .seconds(30)) { committed() == 0 })
        #expect(sampled() == 0)

        broker.kill()
        let down = ContinuousClock.now
        while ContinuousClock.now - down < .seconds(8) { #expect(sampled() == nil) }
        try broker.start()
        // (Tansu keeps topics and offsets in memory: the restarted broker starts empty.)
        try setUp(committing: 1)
        #expect(await eventually(timeout: .seconds(40)) { sampled() == 1 })
        #expect(await eventually(timeout: .seconds(40)) { committed() == 1 }, "log: \(source.log.lines.map(\.text).suffix(5))")
    }

    @Test func lagGroupEntriesNameThePipelineOrDefaultToIt() {
        #expect(LagGroup.parse(["fraud = fraud-scorer", "churn", "=x", "y=", ""])
                == [LagGroup(pipeline: "fraud", group: "fraud-scorer"), LagGroup(pipeline: "churn", group: "churn")])
    }
}
