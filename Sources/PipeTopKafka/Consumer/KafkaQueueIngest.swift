import CRdKafka
import PipeTopCore

/// Takes messages from a librdkafka queue in batches and ingests them: what the consumer
/// loop and each ingest worker share. Contract messages are decoded holding no lock and go
/// to their pipelines' shards (`ShardedIngestor`); a message `divert` takes (a topic-mapped
/// pipeline's) is left to it. Owned by one thread.
struct KafkaQueueIngest {
    private let batch: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>
    private let batchSize: Int
    private var ingestor: ShardedIngestor
    /// Message topic handle → source name (the topic name), so finding a message's source
    /// costs a pointer comparison, not a string.
    private var sourceNames: [(handle: OpaquePointer, name: String)] = []
    /// Which thread this is in `KafkaSourceStatistics.messagesByThread`.
    private let thread: Int

    init(batchSize: Int, shards: Int, thread: Int) {
        self.thread = thread
        self.batchSize = max(1, batchSize)
        batch = .allocate(capacity: self.batchSize)
        ingestor = ShardedIngestor(shards: shards)
    }

    /// Frees the batch array; call once, from the owning thread, when done.
    func deallocate() {
        batch.deallocate()
    }

    /// Takes what `queue` holds without waiting, or when nothing is queued waits up to
    /// `pollMs` for one message, and ingests it into `store`. Returns how many it took.
    @discardableResult
    mutating func poll(
        _ queue: OpaquePointer, pollMs: Int32, into store: PipelineStore, monitor: KafkaSourceMonitor, log: KafkaLog,
        divert: (_ topic: String, UnsafeMutablePointer<rd_kafka_message_t>) -> Bool = { _, _ in false }
    ) -> Int {
        // (A batch call waits its whole timeout unless the array fills, which would hold a
        // trickle of events back for up to `pollMs`.)
        var n = rd_kafka_consume_batch_queue(queue, 0, batch, batchSize)
        if n == 0 { n = rd_kafka_consume_batch_queue(queue, pollMs, batch, 1) }
        guard n > 0 else { return 0 }
        var errors = 0
        var bytes = 0
        var good = 0
        var lastError: String?
        for i in 0..<n {
            let message = batch[i]!
            guard message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                errors += 1
                let text = Self.errorText(message)
                log.append(level: 4, facility: "CONSUME", message: text)
                lastError = text
                continue
            }
            let length = message.pointee.payload == nil ? 0 : message.pointee.len
            bytes += length
            good += 1
            let topic = sourceName(message.pointee.rkt)
            if divert(topic, message) { continue }
            ingestor.add(UnsafeRawBufferPointer(start: message.pointee.payload, count: length), source: topic)
        }
        ingestor.flush(into: store)
        for i in 0..<n { rd_kafka_message_destroy(batch[i]) }
        // (Messages say nothing of the connection: after a broker dies, those it sent before
        // still drain from the local queue. The metadata probe says connected again.)
        monitor.update {
            $0.statistics.messages += UInt64(good)
            if $0.statistics.messagesByThread.count <= thread {
                $0.statistics.messagesByThread += Array(repeating: 0, count: thread + 1 - $0.statistics.messagesByThread.count)
            }
            $0.statistics.messagesByThread[thread] += UInt64(good)
            $0.statistics.bytes += UInt64(bytes)
            $0.statistics.batches += 1
            $0.statistics.consumerErrors += UInt64(errors)
            if let lastError { $0.statistics.lastError = lastError }
        }
        return n
    }

    /// The source name (topic name) of messages from topic handle `rkt`.
    private mutating func sourceName(_ rkt: OpaquePointer?) -> String {
        guard let rkt else { return "kafka" }
        for entry in sourceNames where entry.handle == rkt { return entry.name }
        let name = String(cString: rd_kafka_topic_name(rkt))
        sourceNames.append((rkt, name))
        return name
    }

    private static func errorText(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> String {
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
        return "\(topic)[\(message.pointee.partition)]: " + String(cString: rd_kafka_message_errstr(message))
    }
}
