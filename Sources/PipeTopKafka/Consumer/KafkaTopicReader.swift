import CRdKafka
import Foundation
import PipeTopCore

/// Reads every partition of one topic from a start position, on the caller's thread: the
/// headless reader behind `pipetop tail` and the benchmarks.
///
/// Like the dashboard's source it assigns partitions itself (never a group) and takes
/// messages in batches from librdkafka's queue; with `exitAtEnd` it returns once every
/// partition has reached its end: the high watermark of the first fetch that returned its
/// records, or a partition EOF (a fetch at the end that came back empty, all `kcat -e` waits
/// for, which a steady producer may not leave for a long time).
public final class KafkaTopicReader {
    /// What a run read.
    public struct Summary: Sendable, Hashable {
        public var messages: UInt64 = 0
        public var bytes: UInt64 = 0
        public var partitions = 0
        /// Errors librdkafka delivered instead of messages (other than partition EOF).
        public var consumerErrors: UInt64 = 0
    }

    public let topic: String
    public let start: StartPosition
    public let exitAtEnd: Bool
    /// Only this partition, when set.
    public let partition: Int32?
    public let log: KafkaLog
    private let client: KafkaClient
    private let queue: OpaquePointer
    private let topicHandle: OpaquePointer
    private let batchSize: Int
    private let batch: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>

    public init(
        config: KafkaClientConfig, topic: String, start: StartPosition = .beginning, exitAtEnd: Bool = false,
        partition: Int32? = nil, batchSize: Int = 8_192, log: KafkaLog? = nil
    ) throws(KafkaError) {
        self.topic = topic
        self.partition = partition
        self.start = start
        self.exitAtEnd = exitAtEnd
        let log = log ?? KafkaLog(filePath: config.logFile)
        self.log = log
        var properties = KafkaSource.properties(config)
        properties["enable.partition.eof"] = exitAtEnd ? "true" : "false"
        client = try KafkaClient(kind: .consumer, properties: properties, log: log, oauthTokenCommand: config.oauthTokenCommand)
        rd_kafka_poll_set_consumer(client.handle)
        queue = rd_kafka_queue_get_consumer(client.handle)!
        topicHandle = rd_kafka_topic_new(client.handle, topic, nil)!
        self.batchSize = max(1, batchSize)
        batch = .allocate(capacity: self.batchSize)
    }

    deinit {
        batch.deallocate()
        rd_kafka_topic_destroy(topicHandle)
        rd_kafka_queue_destroy(queue)
        client.destroy()
    }

    /// Assigns the topic's partitions (waiting up to `metadataTimeout` for the cluster to
    /// report the topic), then calls `body` with each message's value (nil for a null value)
    /// and key, in order per partition. Calls `idle` whenever nothing is queued, before it
    /// waits (a place to flush output). Returns at the end when `exitAtEnd`, else when
    /// `shouldStop` says so (checked at least every 100 ms).
    @discardableResult
    public func run(
        metadataTimeout: Duration = .seconds(10), shouldStop: () -> Bool = { false }, idle: () -> Void = {},
        _ body: (_ value: UnsafeRawBufferPointer?, _ key: UnsafeRawBufferPointer?) -> Void
    ) throws(KafkaError) -> Summary {
        try runMessages(metadataTimeout: metadataTimeout, shouldStop: shouldStop, idle: idle) { body($0.value, $0.key) }
    }

    /// The low and high watermarks of `partition`, once the cluster reports the topic.
    public func watermarks(of partition: Int32, timeout: Duration) throws(KafkaError) -> (low: Int64, high: Int64) {
        let partitions = try waitForPartitions(timeout: timeout)
        guard (0..<Int32(partitions)).contains(partition) else {
            throw .metadata("\(topic) has partitions 0-\(partitions - 1), not \(partition)")
        }
        return try client.queryWatermarks(topic: topic, partition: partition, timeoutMs: Int32(clamping: timeout.milliseconds))
    }

    /// Where a message was: what `pipetop record` keeps as `_source`.
    public struct Position: Sendable, Hashable {
        public var partition: Int32
        public var offset: Int64
        /// The message timestamp (create or log-append time), epoch ms; nil when the broker gives none.
        public var timestampMs: Int64?

        public init(partition: Int32, offset: Int64, timestampMs: Int64?) {
            self.partition = partition
            self.offset = offset
            self.timestampMs = timestampMs
        }

        /// Where librdkafka's `message` is.
        init(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
            let ts = rd_kafka_message_timestamp(message, nil)
            self.init(partition: message.pointee.partition, offset: message.pointee.offset, timestampMs: ts >= 0 ? ts : nil)
        }
    }

    /// `run`, with the whole message: its partition, offset, timestamp and headers as well.
    @discardableResult
    public func runMessages(
        metadataTimeout: Duration = .seconds(10), shouldStop: () -> Bool = { false }, idle: () -> Void = {},
        _ body: (KafkaMessage) -> Void
    ) throws(KafkaError) -> Summary {
        let partitions = try waitForPartitions(timeout: metadataTimeout)
        var summary = Summary()
        summary.partitions = partitions
        if let partition, !(0..<Int32(partitions)).contains(partition) {
            throw .metadata("\(topic) has partitions 0-\(partitions - 1), not \(partition)")
        }
        let selected = partition.map { [$0] } ?? (0..<Int32(partitions)).map { $0 }
        let added = selected.map { PartitionStart(topic: topic, partition: $0, start: start) }
        try client.assign(current: [], added: added, timeoutMs: Int32(clamping: metadataTimeout.milliseconds))
        var atEnd = Set<Int32>()
        /// Each partition's end once a fetch has returned its records (-1 before): where
        /// `exitAtEnd` stops.
        var ends = [Int64](repeating: -1, count: partitions)
        while !shouldStop() {
            var n = rd_kafka_consume_batch_queue(queue, 0, batch, batchSize)
            if n == 0 {
                idle()
                if let fatal = client.fatalError { throw .fatal(fatal) }
                n = rd_kafka_consume_batch_queue(queue, 100, batch, 1)
            }
            for i in 0..<max(n, 0) {
                let m = batch[i]!
                switch m.pointee.err {
                case RD_KAFKA_RESP_ERR_NO_ERROR:
                    summary.messages += 1
                    summary.bytes += UInt64(m.pointee.len)
                    body(KafkaMessage(m, topic: topic, position: Position(m)))
                    if exitAtEnd, reachedEnd(m.pointee.partition, m.pointee.offset, &ends) { atEnd.insert(m.pointee.partition) }
                case RD_KAFKA_RESP_ERR__PARTITION_EOF:
                    atEnd.insert(m.pointee.partition)
                default:
                    summary.consumerErrors += 1
                    log.append(level: 4, facility: "CONSUME", message: String(cString: rd_kafka_message_errstr(m)))
                }
                rd_kafka_message_destroy(m)
            }
            if exitAtEnd && atEnd.count >= selected.count { break }
        }
        return summary
    }

    /// Whether the record at `offset` is the last one before `partition`'s end: the high
    /// watermark cached from the fetch that returned its first record (`ends`), so that new
    /// records written meanwhile do not hold the reader.
    private func reachedEnd(_ partition: Int32, _ offset: Int64, _ ends: inout [Int64]) -> Bool {
        let p = Int(partition)
        guard ends.indices.contains(p) else { return false }
        if ends[p] < 0 {
            var low: Int64 = -1, high: Int64 = -1
            guard rd_kafka_get_watermark_offsets(client.handle, topic, partition, &low, &high) == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return false }
            ends[p] = high
        }
        return offset >= ends[p] - 1
    }

    /// The topic's partition count, once the cluster reports the topic. Waits up to `timeout`
    /// for an unreachable cluster, but only 2 s more once the cluster answers without the topic
    /// (time for one that is being created).
    private func waitForPartitions(timeout: Duration) throws(KafkaError) -> Int {
        let clock = SystemWallClock()
        var deadline = clock.nowMs() + timeout.milliseconds
        var answered = false
        var failure = KafkaError.unknownTopic(topic)
        repeat {
            do {
                if let count = try client.partitionCounts(allTopics: false, timeoutMs: 1_000)[topic] { return count }
                failure = .unknownTopic(topic)
                if !answered {
                    answered = true
                    deadline = min(deadline, clock.nowMs() + 2_000)
                }
            } catch {
                // Thrown again below as metadata: without a second "kafka metadata:" prefix.
                if case .metadata = error { failure = error } else { failure = .metadata(error.description) }
            }
            usleep(100_000)
        } while clock.nowMs() < deadline
        throw failure
    }
}
