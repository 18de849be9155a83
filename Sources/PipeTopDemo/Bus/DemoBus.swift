import Foundation
import PipeTopCore
import Synchronization

/// The in-process stand-in for Kafka: the demo pipeline publishes to it (`EventSink`), the
/// dashboard reads from it (`take`), and commands go through it both ways (`ControlSink` for
/// the operator, `ControlFeed` for the pipeline's controller; a command is also delivered to
/// readers, as on a shared control topic). Bounded: a publisher waits while the reader is
/// more than `capacityBytes` behind, so nothing is dropped and memory stays flat.
public final class DemoBus: EventSink, ControlSink, ControlFeed, Sendable {
    private struct State {
        var queue: [MessageBatch] = []
        var queuedBytes = 0
        var control: [[UInt8]] = []
        var closed = false
        var published = 0
    }

    public let capacityBytes: Int
    private let state = Mutex(State())

    public init(capacityBytes: Int = 4 << 20) {
        self.capacityBytes = max(1 << 16, capacityBytes)
    }

    /// Messages published so far (commands included).
    public var publishedCount: Int { state.withLock { $0.published } }

    // MARK: EventSink

    public func publish(_ batch: MessageBatch) throws {
        guard !batch.isEmpty else { return }
        while true {
            let accepted: Bool = try state.withLock { s in
                if s.closed { throw DemoBusError.closed }
                guard s.queuedBytes == 0 || s.queuedBytes + batch.byteCount <= capacityBytes else { return false }
                s.queue.append(batch)
                s.queuedBytes += batch.byteCount
                s.published += batch.count
                return true
            }
            if accepted { return }
            usleep(1_000)
        }
    }

    /// Waits until a reader has taken everything published (or the bus is closed).
    public func flush() throws {
        while state.withLock({ !$0.closed && !$0.queue.isEmpty }) { usleep(1_000) }
    }

    // MARK: ControlSink

    public func send(_ command: ControlCommand, route: ControlRoute, delivered: @escaping @Sendable (DeliveryReport) -> Void) {
        guard route == .controlTopic else {
            delivered(.failed("the demo pipelines take commands on the control topic only"))
            return
        }
        var batch = MessageBatch()
        batch.append(.control(command))
        let result: DeliveryReport = state.withLock { s in
            if s.closed { return .failed("the demo pipeline has stopped") }
            s.control.append(Array(batch.bytes[batch.entries[0].keyEnd..<batch.entries[0].valueEnd]))
            s.queue.append(batch)
            s.queuedBytes += batch.byteCount
            s.published += 1
            return .delivered
        }
        delivered(result)
    }

    // MARK: ControlFeed

    public func drain(_ body: (UnsafeRawBufferPointer) -> Void) {
        let messages = state.withLock { s -> [[UInt8]] in
            defer { s.control.removeAll() }
            return s.control
        }
        for m in messages { m.withUnsafeBytes(body) }
    }

    // MARK: reader side

    /// Everything published since the last call, oldest first (empty when nothing is waiting).
    public func take() -> [MessageBatch] {
        state.withLock { s in
            defer {
                s.queue.removeAll(keepingCapacity: true)
                s.queuedBytes = 0
            }
            return s.queue
        }
    }

    /// Stops the bus: publishers get an error, pending control messages are dropped.
    public func close() {
        state.withLock { $0.closed = true }
    }

    public var isClosed: Bool { state.withLock { $0.closed } }
}

/// Why the demo bus refused a message.
public enum DemoBusError: Error, Sendable, CustomStringConvertible {
    case closed

    public var description: String { "the demo bus is closed" }
}
