import Foundation
import PipeTopCore
import PipeTopKafka
import Synchronization
import Testing

/// The dashboard's Kafka source against a real broker (Tansu, started by the suite): events
/// produced by the project's producer and by kcat arrive in the store with the right numbers;
/// bad messages are counted, never fatal; start positions follow the topic.
@Suite(.kafkaBroker, .serialized)
struct KafkaSourceTests {
    let t0 = ContractJSON.t0

    @Test func eventsFromTheProjectsProducerReachTheStore() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("own")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        let created = try KafkaAdmin(config: config).createTopics(topics, partitions: 3)
        #expect(Set(created) == Set([topics.metrics, topics.models, topics.scored, topics.control]))

        var batch = MessageBatch()
        func add(_ topic: Topic, _ key: String, _ json: String) {
            batch.append(topic: topic, key: key, value: Array(json.utf8))
        }
        add(.models, "p/lr/1", ContractJSON.model("p", version: 1, event: "published", atMs: t0))
        add(.models, "p/lr/1", ContractJSON.model("p", version: 1, event: "promoted", atMs: t0 + 10))
        add(.models, "p/lr/2", ContractJSON.model("p", version: 2, event: "published", atMs: t0 + 20))
        add(.models, "p/lr/2", ContractJSON.model("p", version: 2, event: "candidate", atMs: t0 + 30))
        for s in Int64(0)...60 {
            add(.metrics, "p/a", ContractJSON.metrics("p", instance: "a", atS: s, recordsIn: Int(s) * 100))
            add(.metrics, "p/b", ContractJSON.metrics("p", instance: "b", atS: s, recordsIn: Int(s) * 300))
        }
        for i in 0..<3_000 {
            add(.scored, "k\(i)", ContractJSON.scored("p", key: "k\(i)", atMs: t0 + Int64(i)))
        }
        let sink = try KafkaSink(config: config, topics: topics)
        try sink.publish(batch)
        try sink.flush()
        #expect(sink.producer.statistics.delivered == UInt64(batch.count))

        // On event time: the rates are the events' own, however long a loaded machine takes to
        // read them (a wall-clock store lets them fall once the pipeline has been quiet 2 s).
        let store = PipelineStore(basis: .eventTime)
        let source = KafkaSource(config: config, topics: topics, options: KafkaSourceOptions(backlog: 100_000))
        try source.start(into: store)
        defer { source.stop() }
        #expect(await eventually { store.snapshot().scoredTotal == 3_000 && store.totalEvents == UInt64(batch.count) })

        let snap = store.snapshot()
        let p = try #require(snap.pipeline(named: "p"))
        #expect(p.throughput.recordsIn.s10 == 400)
        #expect(p.instances.map(\.name).sorted() == ["a", "b"])
        #expect(p.stats(for: VersionKey(model: "lr", version: 1))?.scoredCount == 3_000)
        let model = try #require(p.models.first { $0.name == "lr" })
        #expect(model.primary == 1)
        #expect(model.candidates == [2])
        #expect(snap.sources.first { $0.name == topics.scored }?.messages == 3_000)
        #expect(snap.sources.allSatisfy { $0.malformed == 0 })
        #expect(source.status == SourceStatus("connected"))
        // Statistics follow the store by a moment (counted after the batch's lock is released).
        #expect(await eventually { source.statistics.messages == UInt64(batch.count) })
        let stats = source.statistics
        #expect(stats.partitions == 12)
        #expect(stats.batches < stats.messages / 10, "messages arrive in batches")
    }

    @Test func eventsProducedWithKcatReachTheStore() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("kcat")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 2)
        let scored = (0..<1_500).map { "k\($0):" + ContractJSON.scored("q", key: "k\($0)", atMs: t0 + Int64($0) * 2, version: 3) }
        let models = ["q/lr/3:" + ContractJSON.model("q", version: 3, event: "published", atMs: t0),
                      "q/lr/3:" + ContractJSON.model("q", version: 3, event: "promoted", atMs: t0 + 1)]
        for (topic, lines) in [(topics.scored, scored), (topics.models, models)] {
            let result = try Kcat.produce(broker: broker.bootstrap, topic: topic, input: Data((lines.joined(separator: "\n") + "\n").utf8), arguments: ["-K:"])
            #expect(result.status == 0, "kcat: \(result.stderr)")
        }

        // On event time: the rate below must not fall with the wall clock on a busy machine.
        let store = PipelineStore(basis: .eventTime)
        let source = KafkaSource(config: config, topics: topics)
        try source.start(into: store)
        defer { source.stop() }
        #expect(await eventually { store.snapshot().scoredTotal == 1_500 })
        let p = try #require(store.snapshot().pipeline(named: "q"))
        #expect(p.stats(for: VersionKey(model: "lr", version: 3))?.scoredCount == 1_500)
        #expect(p.models.first?.primary == 3)
        // 1,500 records over 3 s of event time.
        #expect(p.throughput.scored.s1 == 500)
    }

    /// Malformed, empty, binary, 5 MB and null values on every topic are counted per topic as
    /// malformed; the good message after them still arrives.
    @Test func badMessagesOnEveryTopicAreCountedNeverFatal() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("bad")
        let config = KafkaClientConfig(brokers: broker.bootstrap, properties: ["message.max.bytes": "8000000"])
        try KafkaAdmin(config: config).createTopics(topics, partitions: 1)
        let producer = try KafkaProducer(config: config)
        let huge = [UInt8](repeating: UInt8(ascii: "{"), count: 5 << 20)
        let binary: [UInt8] = [0xFF, 0x00, 0xFE, 0x7B, 0x22, 0xC3, 0x28, 0x00, 0x01]
        let good: [Topic: String] = [
            .scored: ContractJSON.scored("r", key: "ok", atMs: t0),
            .models: ContractJSON.model("r", version: 1, event: "published", atMs: t0),
            .metrics: ContractJSON.metrics("r", instance: "a", atS: 0, recordsIn: 0),
            .control: EventEncoder.encode(.control(ControlCommand(
                pipeline: "r", tsMs: t0, id: "c-1", action: .promote, model: "lr", version: 1, requestedBy: "test"))),
        ]
        for topic in Topic.allCases {
            let name = topics.name(of: topic)
            try producer.produce(topic: name, key: "bad", value: Array(#"{"type":"scored","pipeline":"#.utf8))
            try producer.produce(topic: name, key: "empty", value: [])
            try producer.produce(topic: name, key: nil, value: nil)
            try producer.produce(topic: name, key: "binary", value: binary)
            try producer.produce(topic: name, key: "huge", value: huge)
        }
        try producer.flush()
        #expect(producer.statistics.failed == 0, "\(producer.statistics.lastError ?? "")")
        // kcat's malformed line too, then the good message last.
        for topic in Topic.allCases {
            let name = topics.name(of: topic)
            let result = try Kcat.produce(broker: broker.bootstrap, topic: name, input: Data("not json at all\n\(good[topic]!)\n".utf8))
            #expect(result.status == 0, "kcat: \(result.stderr)")
        }

        let store = PipelineStore()
        let source = KafkaSource(config: config, topics: topics)
        try source.start(into: store)
        defer { source.stop() }
        #expect(await eventually { store.snapshot().sources.filter { $0.name.hasPrefix("bad.") }.map(\.messages).reduce(0, +) == 28 })
        let snap = store.snapshot()
        for topic in Topic.allCases {
            let counters = snap.sources.first { $0.name == topics.name(of: topic) }
            #expect(counters?.messages == 7, "\(topic)")
            #expect(counters?.malformed == 6, "\(topic)")
        }
        let p = try #require(snap.pipeline(named: "r"))
        #expect(snap.scoredTotal == 1)
        #expect(p.models.first?.versions.map(\.version) == [1])
        #expect(p.instances.map(\.name) == ["a"])
        #expect(snap.timeline.contains { if case .control(let c) = $0.kind { c.id == "c-1" } else { false } })
        #expect(await eventually { source.statistics.bytes > 4 * (5 << 20) })
        #expect(source.status.health == .ok)
    }

    /// Models and control from the beginning; scored and metrics only the last N per partition
    /// (`--from -N` semantics). Produced one record per batch: the test broker's ListOffsets
    /// counts batches, not records, so the end it reports is right only then.
    @Test func startPositionsFollowTheTopic() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("pos")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 1)
        func kcat(_ topic: String, _ lines: [String]) throws {
            let result = try Kcat.produce(broker: broker.bootstrap, topic: topic, input: Data((lines.joined(separator: "\n") + "\n").utf8))
            #expect(result.status == 0, "kcat: \(result.stderr)")
        }
        try kcat(topics.scored, (0..<50).map { ContractJSON.scored("s", key: "k\($0)", atMs: t0 + Int64($0)) })
        try kcat(topics.models, (1...3).map { ContractJSON.model("s", version: $0, event: "published", atMs: t0 + Int64($0)) })

        let store = PipelineStore()
        let source = KafkaSource(config: config, topics: topics, options: KafkaSourceOptions(backlog: 10))
        try source.start(into: store)
        defer { source.stop() }
        #expect(await eventually { store.snapshot().scoredTotal == 10 && store.snapshot().pipeline(named: "s")?.models.first?.versions.count == 3 })
        try await Task.sleep(for: .milliseconds(500))
        #expect(store.snapshot().scoredTotal == 10)
        try kcat(topics.scored, (50..<55).map { ContractJSON.scored("s", key: "k\($0)", atMs: t0 + Int64($0)) })
        #expect(await eventually { store.snapshot().scoredTotal == 15 })
    }

    @Test func controlCommandIsDeliveredAndReadBackFromTheControlTopic() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("ctl")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 2)
        let feed = try KafkaControlFeed(config: config, topics: topics)
        #expect(feed.waitForAssignment(timeout: .seconds(10)))

        let sink = try KafkaControlSink(config: config, topics: topics)
        let command = ControlCommand(
            pipeline: "fraud", tsMs: t0, id: UUID().uuidString, action: .promote, model: "lr", version: 8,
            fromVersion: 7, requestedBy: "alice", reason: "better auc")
        let reports = ReportBox()
        sink.send(command, route: .controlTopic) { reports.add($0) }
        #expect(await eventually { reports.all == [.delivered] })

        var decoder = EventDecoder()
        var seen: [Event] = []
        #expect(await eventually {
            feed.drain { bytes in if let e = try? decoder.decode(bytes) { seen.append(e) } }
            return !seen.isEmpty
        })
        #expect(seen == [.control(command)])
    }
}

/// Delivery reports collected from any thread.
final class ReportBox: Sendable {
    private let reports = Mutex<[DeliveryReport]>([])
    func add(_ report: DeliveryReport) { reports.withLock { $0.append(report) } }
    var all: [DeliveryReport] { reports.withLock { $0 } }
}
