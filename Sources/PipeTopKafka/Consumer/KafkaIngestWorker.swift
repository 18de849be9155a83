import CRdKafka
import Dispatch
import Foundation
import PipeTopCore

/// One of a `KafkaSource`'s ingest workers: a consumer of its own (`consumerSibling`), assigned
/// some of the contract topics' partitions by the consumer thread, and a thread of its own that
/// reads them, decodes and writes its pipelines' shards of the store.
///
/// Its own client rather than a queue of the source's client: librdkafka keeps one fetch in
/// flight per client and broker, and leaves out of it a partition whose queue is full. With one
/// shared client, once one worker's partitions were at their end, the fetch in flight was a long
/// poll (`fetch.wait.max.ms`) for them alone, and the other worker's partitions, drained
/// meanwhile, waited for it (measured: the last chunks of a backlog arriving 500 ms apart).
final class KafkaIngestWorker: @unchecked Sendable {
    private let client: KafkaClient
    /// The client's consumer queue: its messages, and its errors.
    private let queue: OpaquePointer
    /// The partitions assigned to it so far (only the consumer thread touches this).
    private var assigned: [PartitionStart] = []
    /// Handles of its topics, made before their first assignment so that a metadata request
    /// finds their leaders at once (otherwise its first fetch came about 500 ms late).
    private var topics: [String: OpaquePointer] = [:]
    private let done = DispatchSemaphore(value: 0)
    private let running = RunFlag()

    init(sibling of: KafkaClient) throws(KafkaError) {
        client = try of.consumerSibling()
        rd_kafka_poll_set_consumer(client.handle)
        queue = rd_kafka_queue_get_consumer(client.handle)!
    }

    /// Adds `added` to its assignment (the others continue where they are). Called by the
    /// consumer thread; librdkafka's assign is safe beside the worker's polling.
    func assign(_ added: [PartitionStart], timeoutMs: Int32) throws(KafkaError) {
        guard !added.isEmpty else { return }
        for topic in Set(added.map(\.topic)) where topics[topic] == nil {
            topics[topic] = rd_kafka_topic_new(client.handle, topic, nil)
        }
        // Best effort: without it the first fetch only comes later.
        _ = try? client.partitionCounts(allTopics: false, timeoutMs: timeoutMs)
        try client.assign(current: assigned, added: added, timeoutMs: timeoutMs)
        assigned += added
    }

    /// Starts the thread, reading until `stop`.
    func start(store: PipelineStore, monitor: KafkaSourceMonitor, log: KafkaLog, options: KafkaSourceOptions, index: Int) {
        running.set(true)
        let pollMs = Int32(clamping: options.pollTimeout.milliseconds)
        let thread = Thread { [self] in
            var reader = KafkaQueueIngest(batchSize: options.batchSize, shards: store.shardCount, thread: index + 1)
            while running.isSet { reader.poll(queue, pollMs: pollMs, into: store, monitor: monitor, log: log) }
            reader.deallocate()
            done.signal()
        }
        thread.name = "pipetop-ingest-\(index)"
        thread.start()
    }

    /// Stops the thread and waits for it (at most a poll timeout), then destroys the client.
    func stop() {
        running.set(false)
        done.wait()
        discard()
    }

    private func discard() {
        for handle in topics.values { rd_kafka_topic_destroy(handle) }
        topics = [:]
        rd_kafka_queue_destroy(queue)
        client.destroy()
    }
}
