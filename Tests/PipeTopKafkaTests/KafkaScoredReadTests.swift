import Foundation
import PipeTopCore
import PipeTopKafka
import Testing

/// `scored_read` against the test broker: a sampled scored topic is read on exactly its chosen
/// partitions, a topic left to summaries not at all (drift then comes from the scorers'
/// histograms), and a sampled mapped pipeline's rates still count every partition.
@Suite(.kafkaBroker, .serialized)
struct KafkaScoredReadTests {
    let t0 = ContractJSON.t0

    /// Every record its own batch: the test broker's ListOffsets counts batches, not records,
    /// and the partitions a sample leaves unread are measured with it.
    static func producer(_ broker: TestBroker) throws -> KafkaProducer {
        try KafkaProducer(config: KafkaClientConfig(brokers: broker.bootstrap, properties: ["batch.num.messages": "1"]),
                          options: KafkaProducerOptions(lingerMs: 0))
    }

    static func produce(_ producer: KafkaProducer, topic: String, partition: Int, key: String, _ value: String) throws {
        let k = Array(key.utf8), v = Array(value.utf8)
        let result: Result<Void, KafkaError> = k.withUnsafeBytes { kb in
            v.withUnsafeBytes { vb in
                Result { () throws(KafkaError) in try producer.produce(topic: topic, partition: Int32(partition), key: kb, value: vb, headers: []) }
            }
        }
        try result.get()
    }

    @Test func aSampledScoredTopicIsReadOnItsChosenPartitionsOnly() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("sampled-\(UUID().uuidString.prefix(8))")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 6)
        let producer = try Self.producer(broker)
        // Each partition's records belong to a pipeline named after it.
        for p in 0..<6 {
            for i in 0..<40 {
                try Self.produce(producer, topic: topics.scored, partition: p, key: "k\(i)",
                                 ContractJSON.scored("p\(p)", key: "k\(i)", atMs: t0 + Int64(i)))
            }
        }
        try producer.flush()
        #expect(producer.statistics.failed == 0, "\(producer.statistics.lastError ?? "")")

        var options = KafkaSourceOptions(backlog: 100_000)
        options.scoredRead = .sample(0.5)
        let store = PipelineStore(basis: .eventTime)
        let source = KafkaSource(config: config, topics: topics, options: options)
        try source.start(into: store)
        defer { source.stop() }
        #expect(await eventually { store.snapshot().scoredTotal == 120 })
        // Nothing else arrives: the other three partitions are not assigned.
        try await Task.sleep(for: .seconds(2))
        let snap = store.snapshot()
        #expect(snap.scoredTotal == 120)
        #expect(snap.pipelines.map(\.name) == ["p0", "p2", "p4"])
        #expect(snap.pipelines.allSatisfy { $0.stats(for: VersionKey(model: "lr", version: 1))?.scoredCount == 40 })
        let stats = source.statistics
        #expect(stats.partitions == 3 + 3 * 6, "three of the scored topic, every partition of the other three")
        #expect(stats.scoredCoverage.coverage(of: "p0")?.text == "sampled: 3 of 6 partitions")
    }

    @Test func aScoredTopicLeftToSummariesIsNotReadAndDriftComesFromTheScorers() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("summaries-\(UUID().uuidString.prefix(8))")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 3)
        let reference = Reference(score: ReferenceHistogram(edges: [0.25, 0.5, 0.75], counts: [250, 250, 250, 250], n: 1_000))
        let sink = try KafkaSink(config: config, topics: topics)
        var models = MessageBatch()
        models.append(.model(ModelEvent(pipeline: "s", tsMs: t0, model: "lr", version: 1, event: .promoted, reference: reference)))
        try sink.publish(models)
        try sink.flush()

        var options = KafkaSourceOptions(backlog: 100_000)
        options.scoredRead = .summaries
        let store = PipelineStore(basis: .eventTime)
        let source = KafkaSource(config: config, topics: topics, options: options)
        try source.start(into: store)
        defer { source.stop() }
        // Summaries count once the version's reference is known: the model event first.
        #expect(await eventually { store.snapshot().pipeline(named: "s")?.models.first?.primary == 1 })
        var batch = MessageBatch()
        for k in 1...4 {
            batch.append(.metrics(MetricsEvent(
                pipeline: "s", tsMs: t0 + Int64(k) * 1_000, instance: "scorer", recordsIn: UInt64(k) * 400, recordsOut: UInt64(k) * 400,
                serving: [ServingEntry(model: "lr", version: 1, role: .primary)],
                histograms: [VersionHistograms(model: "lr", version: 1, score: [40, 60, 100, 200])])))
        }
        for i in 0..<30 { batch.append(topic: .scored, key: "k\(i)", value: Array(ContractJSON.scored("s", key: "k\(i)", atMs: t0 + Int64(i)).utf8)) }
        try sink.publish(batch)
        try sink.flush()
        func drift() -> DriftView? { store.snapshot().pipeline(named: "s")?.stats(for: VersionKey(model: "lr", version: 1))?.scoreDrift }
        #expect(await eventually { drift()?.report?.currentCount == 1_600 })
        try await Task.sleep(for: .seconds(1))
        let view = try #require(drift())
        #expect(view.source == .summaries && view.currentShares == [0.1, 0.15, 0.25, 0.5])
        #expect(view.report?.ksApproximate == true && view.report?.ks == 0.25)
        #expect(store.snapshot().scoredTotal == 0, "the scored topic is not read")
        #expect(source.statistics.partitions == 9)
        #expect(source.statistics.scoredCoverage.coverage(of: "s")?.text == "summaries only")
        #expect(source.status == SourceStatus("connected"))
    }

    /// Rates of a mapped pipeline come from the high watermarks of every partition of its
    /// scored topic, read or not: the same numbers under a sample as without one.
    @Test func aSampledMappedPipelinesRatesCountEveryPartition() async throws {
        let broker = try TestBroker.shared()
        let id = UUID().uuidString.prefix(8)
        let scored = "wine-\(id).scored"
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics([scored], partitions: 4)
        let producer = try Self.producer(broker)
        func produce(round: Int, perPartition n: Int) throws {
            for p in 0..<4 {
                for i in 0..<n { try Self.produce(producer, topic: scored, partition: p, key: "r\(round)-\(p)-\(i)", #"{"s":0.\#(p + 1)}"#) }
            }
            try producer.flush()
        }
        try produce(round: 0, perPartition: 1)

        var wine = PipelineConfig(name: "wine", scoredTopic: scored,
                                  scored: TopicMapping(format: .json, fields: ["score": .pointer(try JSONPointer(parsing: "/s")), "model": try FieldSelector(parsing: "=w")]))
        wine.scoredRead = .sample(0.5)
        var options = KafkaSourceOptions(backlog: 100_000)
        options.pipelines = [wine]
        let store = PipelineStore()
        // The dashboard's own fetch wait (500 ms): ListOffsets must not wait behind its fetches.
        let source = KafkaSource(config: config, topics: ContractJSON.topics("rates-\(id)"), options: options)
        try source.start(into: store)
        defer { source.stop() }
        #expect(await eventually { store.snapshot().pipeline(named: "wine")?.instances.contains { $0.name == "kafka" } == true })
        #expect(store.snapshot().scoredTotal == 2, "partitions 0 and 2 are read")
        try produce(round: 1, perPartition: 10)
        #expect(await eventually { store.snapshot().scoredTotal == 22 })
        func moved(_ series: RateSeries) -> Double {
            guard let p = store.snapshot().pipeline(named: "wine") else { return -1 }
            return p.history.series(series, count: 60, endingBefore: p.historyEndSecond + 1).reduce(0, +)
        }
        #expect(await eventually(timeout: .seconds(45)) { abs(moved(.recordsOut) - 40) < 1e-6 },
                "out \(moved(.recordsOut)): every partition's 10 records, though only two partitions are read")
        #expect(source.statistics.scoredCoverage.coverage(of: "wine")?.text == "sampled: 2 of 4 partitions")
        #expect(store.snapshot().scoredTotal == 22)
    }
}
