import Foundation
import PipeTopCore
import PipeTopKafka
import Testing

/// `[kafka] ingest_threads`: the contract topics' partitions spread over ingest workers, each
/// writing its own shards of the store, reach the state one thread reaches.
@Suite(.kafkaBroker, .serialized)
struct KafkaParallelIngestTests {
    let t0 = ContractJSON.t0

    @Test func workersReadingSixPartitionsReachTheStateOfOneThread() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("parallel")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(topics, partitions: 6)
        let pipelines = (0..<6).map { "p\($0)" }
        var batch = MessageBatch()
        func add(_ topic: Topic, _ key: String, _ json: String) {
            batch.append(topic: topic, key: key, value: Array(json.utf8))
        }
        for p in pipelines {
            add(.models, "\(p)/lr/1", ContractJSON.model(p, version: 1, event: "published", atMs: t0))
            add(.models, "\(p)/lr/1", ContractJSON.model(p, version: 1, event: "promoted", atMs: t0 + 10))
            for s in Int64(0)...30 { add(.metrics, "\(p)/a", ContractJSON.metrics(p, instance: "a", atS: s, recordsIn: Int(s) * 100)) }
        }
        for i in 0..<12_000 {
            let p = pipelines[i % pipelines.count]
            add(.scored, "k\(i)", ContractJSON.scored(p, key: "k\(i)", atMs: t0 + Int64(i), score: Double(i % 100) / 100))
        }
        add(.scored, "bad", #"{"type":"scored","pipeline":"#)
        let sink = try KafkaSink(config: config, topics: topics)
        try sink.publish(batch)
        try sink.flush()

        func read(threads: Int) async throws -> (StoreSnapshot, KafkaSourceStatistics) {
            var options = KafkaSourceOptions(backlog: 100_000)
            options.ingestThreads = threads
            let source = KafkaSource(config: config, topics: topics, options: options)
            let store = PipelineStore(basis: .eventTime, shards: source.ingestWorkers)
            try source.start(into: store)
            defer { source.stop() }
            #expect(await eventually { store.totalEvents == UInt64(batch.count) }, "\(threads) threads")
            #expect(await eventually { source.statistics.messages == UInt64(batch.count) })
            store.settle()
            return (store.snapshot(), source.statistics)
        }
        let (one, _) = try await read(threads: 1)
        let (three, stats) = try await read(threads: 3)
        #expect(stats.messagesByThread.count == 4)
        #expect(stats.messagesByThread.dropFirst().allSatisfy { $0 >= 2_000 }, "each worker read partitions: \(stats.messagesByThread)")
        #expect(three.scoredTotal == 12_000 && one.scoredTotal == three.scoredTotal)
        #expect(one.pipelines.map(\.name) == pipelines && three.pipelines.map(\.name) == pipelines)
        for (a, b) in zip(one.pipelines, three.pipelines) {
            // (Which of a version's metrics and models messages came first is not ordered across
            // topics, so its transitions may differ; where it stands may not.)
            let states = { (p: PipelineSnapshot) in p.models.map { "\($0.name) \($0.primary ?? 0) \($0.versions.map(\.state))" } }
            #expect(states(a) == states(b) && a.throughput == b.throughput, "\(a.name)")
            #expect(a.versions.map(\.scoredCount) == [2_000] && b.versions.map(\.scoredCount) == [2_000], "\(a.name)")
            #expect(a.versions.map(\.scoreDrift.currentShares) == b.versions.map(\.scoreDrift.currentShares), "\(a.name)")
        }
        #expect(three.sources.first { $0.name == topics.scored }?.malformed == 1)
    }
}
