import CRdKafka
import Foundation
import PipeTopCore
import Synchronization

/// Reads the control topic for a pipeline's controller (the demo pipeline over Kafka): every
/// partition assigned from the end, so only commands sent after start arrive.
///
/// `drain` hands over what librdkafka has fetched without waiting for it; while the topic is
/// not assigned yet it asks for metadata at most once a second (waiting up to 100 ms), later
/// every 30 s for new partitions. Like every consumer here it
/// uses `rd_kafka_assign`, never a group subscription.
///
/// The test broker's ListOffsets may count batches rather than records, so "the end" can lie
/// before the last records there; a controller answers a repeated id as a duplicate anyway.
public final class KafkaControlFeed: ControlFeed {
    private struct State {
        var client: KafkaClient?
        var queue: OpaquePointer?
        var topicHandle: OpaquePointer?
        var assignment: PartitionAssignment
        var nextMetadataMs: Int64 = 0
        let batch: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>
    }

    public let topic: String
    public let log: KafkaLog
    private let state: Mutex<State>
    private static let batchSize = 1_024

    public init(config: KafkaClientConfig, topics: TopicNames = TopicNames(), start: StartPosition = .end, log: KafkaLog? = nil) throws(KafkaError) {
        topic = topics.control
        let log = log ?? KafkaLog(filePath: config.logFile)
        self.log = log
        let client = try KafkaClient(kind: .consumer, properties: KafkaSource.properties(config), log: log, oauthTokenCommand: config.oauthTokenCommand)
        rd_kafka_poll_set_consumer(client.handle)
        let queue = rd_kafka_queue_get_consumer(client.handle)
        let handle = rd_kafka_topic_new(client.handle, topics.control, nil)
        state = Mutex(
            State(
                client: client, queue: queue, topicHandle: handle,
                assignment: PartitionAssignment(wanted: [(topics.control, start)]),
                batch: .allocate(capacity: Self.batchSize)))
    }

    deinit {
        state.withLock { s in
            if let handle = s.topicHandle { rd_kafka_topic_destroy(handle) }
            if let queue = s.queue { rd_kafka_queue_destroy(queue) }
            s.client?.destroy()
            s.batch.deallocate()
        }
    }

    /// Whether the control topic's partitions are assigned yet.
    public var isAssigned: Bool { state.withLock { $0.assignment.partitionCount > 0 } }

    /// Assigns the topic's partitions when metadata says it exists (blocking up to
    /// `timeout`); `drain` does this itself, without blocking, once a second.
    @discardableResult
    public func waitForAssignment(timeout: Duration = .seconds(5)) -> Bool {
        let deadline = SystemWallClock().nowMs() + timeout.milliseconds
        while SystemWallClock().nowMs() < deadline {
            let done = state.withLock { s -> Bool in
                refresh(&s, timeoutMs: 1000)
                return s.assignment.partitionCount > 0
            }
            if done { return true }
            usleep(100_000)
        }
        return false
    }

    public func drain(_ body: (UnsafeRawBufferPointer) -> Void) {
        state.withLock { s in
            guard let client = s.client, let queue = s.queue else { return }
            if SystemWallClock().nowMs() >= s.nextMetadataMs {
                refresh(&s, timeoutMs: 100)
            }
            while true {
                let n = rd_kafka_consume_batch_queue(queue, 0, s.batch, Self.batchSize)
                guard n > 0 else { break }
                for i in 0..<n {
                    let m = s.batch[i]!
                    if m.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                        body(UnsafeRawBufferPointer(start: m.pointee.payload, count: m.pointee.payload == nil ? 0 : m.pointee.len))
                    } else {
                        client.events.log.append(level: 4, facility: "CONSUME", message: String(cString: rd_kafka_message_errstr(m)))
                    }
                    rd_kafka_message_destroy(m)
                }
                if n < Self.batchSize { break }
            }
        }
    }

    /// Asks for metadata and assigns new partitions.
    private func refresh(_ s: inout State, timeoutMs: Int32) {
        s.nextMetadataMs = SystemWallClock().nowMs() + (s.assignment.partitionCount == 0 ? 1_000 : 30_000)
        guard let client = s.client, let counts = try? client.partitionCounts(allTopics: false, timeoutMs: timeoutMs)
        else { return }
        let current = s.assignment.assigned
        let added = s.assignment.additions(from: counts)
        guard !added.isEmpty else { return }
        do {
            try client.assign(current: current, added: added, timeoutMs: max(timeoutMs, 1000))
        } catch {
            // Tried again at the next probe, a second away.
            s.assignment.assignmentFailed(added)
            s.nextMetadataMs = SystemWallClock().nowMs() + 1_000
            log.append(level: 3, facility: "ASSIGN", message: error.description)
        }
    }
}
