import Foundation
import PipeTopCore
import Synchronization

/// `pipetop record` for the pipelines of `[[pipelines]]`: each one's topics read by
/// assignment (models from the beginning, scored and labels from `start`), mapped to
/// contract events exactly as the dashboard maps them (`MappedPipelineReader`, the promoted
/// events of its serving versions included), and handed on as compact contract JSON with the
/// position of the message they came from. A recording of them replays as contract
/// pipelines. A pipeline's topics are read on threads of their own, its reader shared under
/// a lock (it keeps state across them: the serving version, `@sequence`).
public final class MappedPipelinesRecording: Sendable {
    /// One mapped event: its contract JSON object, and where its message was.
    public struct Line: Sendable {
        public var json: [UInt8]
        public var topic: String
        public var position: KafkaTopicReader.Position
    }

    private let config: KafkaClientConfig
    /// Each pipeline's reader, behind its lock. (Not a `Mutex`: the messages passed in are
    /// librdkafka's, borrowed for the call, which region checking cannot see.)
    private final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private var reader: MappedPipelineReader

        init(_ reader: MappedPipelineReader) { self.reader = reader }

        func with<T>(_ body: (inout MappedPipelineReader) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&reader)
        }
    }

    private let readers: [Shared]
    private let start: StartPosition
    private let exitAtEnd: Bool
    private let unmapped = Mutex(0)

    /// Sets up each pipeline's decoders; throws a one-line reason naming the pipeline.
    public init(config: KafkaClientConfig, pipelines: [PipelineConfig], schemas: (any SchemaSource)?, start: StartPosition,
                exitAtEnd: Bool) throws(MappedPipelineError) {
        self.config = config
        var readers: [Shared] = []
        for p in pipelines { readers.append(Shared(try MappedPipelineReader(p, schemas: schemas))) }
        self.readers = readers
        self.start = start
        self.exitAtEnd = exitAtEnd
    }

    /// Messages that did not decode or map (counted, not recorded).
    public var unmappedCount: Int { unmapped.withLock { $0 } }

    /// Reads every topic until `shouldStop` (or, with `exitAtEnd`, its end), calling `write`
    /// with each mapped event from the reading threads; returns the topics that failed, and why.
    public func run(shouldStop: @escaping @Sendable () -> Bool, write: @escaping @Sendable (Line) -> Void) -> [(topic: String, error: KafkaError)] {
        let failures = Mutex<[(topic: String, error: KafkaError)]>([])
        let group = DispatchGroup()
        for shared in readers {
            let topics = shared.with { $0.topics }
            for (topic, role) in topics {
                group.enter()
                let thread = Thread { [self] in
                    defer { group.leave() }
                    do throws(KafkaError) {
                        try read(topic, as: role, with: shared, shouldStop: shouldStop, write: write)
                    } catch {
                        failures.withLock { $0.append((topic, error)) }
                    }
                }
                thread.name = "pipetop-record-\(topic)"
                thread.start()
            }
        }
        group.wait()
        return failures.withLock { $0 }
    }

    private func read(_ topic: String, as role: TopicMapping.Role, with shared: Shared,
                      shouldStop: () -> Bool, write: (Line) -> Void) throws(KafkaError) {
        let kafka = try KafkaTopicReader(config: config, topic: topic, start: role == .models ? .beginning : start, exitAtEnd: exitAtEnd)
        let clock = SystemWallClock()
        _ = try kafka.runMessages(shouldStop: shouldStop) { message in
            var sink = RecordingSink()
            shared.with { $0.ingest(message, as: role, into: &sink, arrivalMs: clock.nowMs()) }
            if sink.unmapped > 0 { unmapped.withLock { $0 += sink.unmapped } }
            for json in sink.lines { write(Line(json: json, topic: topic, position: message.position)) }
        }
    }
}

/// What one message mapped to, as contract JSON, for `MappedPipelinesRecording`.
private struct RecordingSink: StoreSink {
    var lines: [[UInt8]] = []
    var unmapped = 0

    mutating func ingest(_ event: Event, source: String, arrivalMs: Int64) {
        var json: [UInt8] = []
        EventEncoder.encode(event, into: &json)
        lines.append(json)
    }

    mutating func ingest(scored e: borrowing ScoredEvent, source: String, arrivalMs: Int64) {
        var json: [UInt8] = []
        EventEncoder.encode(scored: copy e, into: &json)
        lines.append(json)
    }

    mutating func recordMalformed(source: String, error: String, arrivalMs: Int64) { unmapped += 1 }

    mutating func recordUnknownType(source: String) { unmapped += 1 }
}
