import Foundation
import PipeTopCore
import Synchronization

/// The dashboard's tail of one topic of any format: a thread of its own reads the topic from
/// `start` (by default a little before its end: 100 messages a partition) and follows it, decoding each value
/// as `format` says (the registry's schemas through `schemas`), into a ring of the newest
/// records. The ring is bounded in records and in the bytes of the values it holds, so a
/// topic of large messages cannot grow memory; counts stay exact.
public final class KafkaTopicTail: TopicTailFeed {
    private struct State {
        var snapshot: TopicTailSnapshot
        var bytes: [Int] = []
        var heldBytes = 0
        var observer: (@Sendable (TopicRecord) -> Void)?
    }

    public let topic: String
    public let capacity: Int
    public let maxBytes: Int
    private let state: Mutex<State>
    private let running = RunFlag()
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading at once; `stop()` ends the thread.
    public init(config: KafkaClientConfig, topic: String, format: ValueFormat, schemas: (any SchemaSource)?,
                start: StartPosition = TopicTailSnapshot.defaultStart, capacity: Int = 1_000, maxBytes: Int = 32 << 20) {
        self.topic = topic
        self.capacity = max(1, capacity)
        self.maxBytes = max(1, maxBytes)
        state = Mutex(State(snapshot: TopicTailSnapshot(topic: topic, format: format, start: start)))
        running.set(true)
        let thread = Thread { [self] in
            defer { done.signal() }
            read(config: config, format: format, schemas: schemas, start: start)
        }
        thread.name = "pipetop-tail-\(topic)"
        thread.start()
    }

    deinit { stop() }

    /// The newest `capacity` records (fewer when their values pass `maxBytes`), oldest first
    /// by message time: partitions arrive in batches (the backlog of one, then the next), so
    /// arrival order would jump back and forth in time.
    public var snapshot: TopicTailSnapshot {
        var snapshot = state.withLock { s in s.snapshot }
        if snapshot.records.count > capacity { snapshot.records.removeFirst(snapshot.records.count - capacity) }
        snapshot.records.sort { a, b in
            (a.timestampMs ?? .min, a.partition, a.offset) < (b.timestampMs ?? .min, b.partition, b.offset)
        }
        return snapshot
    }

    public func observe(_ observer: (@Sendable (TopicRecord) -> Void)?) {
        state.withLock { $0.observer = observer }
    }

    public func stop() {
        guard running.isSet else { return }
        running.set(false)
        done.wait()
    }

    private func read(config: KafkaClientConfig, format: ValueFormat, schemas: (any SchemaSource)?, start: StartPosition) {
        var decoder = MessageDecoder(format: format, schemas: schemas)
        var keys = MessageDecoder(format: .auto, schemas: schemas)
        do {
            let reader = try KafkaTopicReader(config: config, topic: topic, start: start)
            try reader.runMessages(shouldStop: { !running.isSet }) { message in
                let position = message.position
                var value: DecodedValue?
                var failure: String?
                do throws(ValueDecodeError) {
                    value = try message.decodedValue(with: &decoder)
                } catch {
                    failure = "\(topic)/\(position.partition)@\(position.offset): \(error)"
                }
                let key = message.decodedKey(with: &keys)
                let headers = message.shownHeaders
                let size = (message.value?.count ?? 0) + (message.key?.count ?? 0)
                let record = TopicRecord(partition: position.partition, offset: position.offset, timestampMs: position.timestampMs,
                                         key: key, headers: headers, value: value, schema: decoder.lastSchema)
                let observer = state.withLock { s -> (@Sendable (TopicRecord) -> Void)? in
                    s.snapshot.total += 1
                    if let failure {
                        s.snapshot.undecodable += 1
                        if s.snapshot.firstError == nil { s.snapshot.firstError = failure }
                        return nil
                    }
                    s.snapshot.records.append(record)
                    s.bytes.append(size)
                    s.heldBytes += size
                    // Trimmed a quarter at a time, so dropping the oldest costs O(1) a record.
                    var drop = max(0, s.snapshot.records.count - capacity - capacity / 4)
                    var held = s.heldBytes - s.bytes[..<drop].reduce(0, +)
                    while held > maxBytes, drop < s.bytes.count - 1 {
                        held -= s.bytes[drop]
                        drop += 1
                    }
                    if drop > 0 {
                        s.heldBytes = held
                        s.snapshot.records.removeFirst(drop)
                        s.bytes.removeFirst(drop)
                    }
                    return s.observer
                }
                // Outside the lock: a capture encodes and queues it for its own writer.
                observer?(record)
            }
        } catch {
            state.withLock { $0.snapshot.failure = "\(error)" }
        }
    }
}
