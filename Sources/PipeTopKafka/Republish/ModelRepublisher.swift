import Foundation
import PipeTopCore

/// Control by re-publishing (`control = "republish"`): reads a version's models message back
/// from where it was read (`MessageOrigin`) and sends it again to the same topic and
/// partition, with the exact key, value and headers plus a `pipetop-command-id` header, through
/// an idempotent `acks=all` producer. Scorers that load the newest models message then serve
/// that version again. The message is read back on the producer's cluster, with its
/// configuration and log.
public struct ModelRepublisher: Sendable {
    public let producer: KafkaProducer
    private var config: KafkaClientConfig { producer.config }

    /// `producer` must be idempotent with `acks=all` (`KafkaProducerOptions.control`).
    public init(producer: KafkaProducer) {
        precondition(producer.options.idempotent, "re-publishing needs an idempotent producer")
        self.producer = producer
    }

    /// The message at `origin`, read within `timeout`. `notRetained` when the partition no
    /// longer holds it: it starts after it (retention), skips it (compaction), or ends before it.
    public func fetch(_ origin: MessageOrigin, timeout: Duration = .seconds(10)) throws(RepublishError) -> RetainedMessage {
        let reader: KafkaTopicReader
        do {
            reader = try KafkaTopicReader(
                config: config, topic: origin.topic, start: .offset(origin.offset), exitAtEnd: true,
                partition: origin.partition, batchSize: 1, log: producer.log)
        } catch {
            throw .transport("cannot read \(origin.topic) from \(config.brokers): \(error)")
        }
        // A broker answers a fetch past the end of a partition in its own way (Kafka with an
        // out-of-range error, the test broker with nothing at all): ask where it ends first.
        let (low, high) = try read(origin) { () throws(KafkaError) in try reader.watermarks(of: origin.partition, timeout: timeout) }
        if origin.offset >= high { throw .notRetained(origin, "partition \(origin.partition) ends before offset \(origin.offset)") }
        if origin.offset < low { throw .notRetained(origin, "partition \(origin.partition) now starts at offset \(low)") }
        let deadline = SystemWallClock().nowMs() + timeout.milliseconds
        var first: RetainedMessage?
        try read(origin) { () throws(KafkaError) in
            try reader.runMessages(metadataTimeout: timeout, shouldStop: { first != nil || SystemWallClock().nowMs() >= deadline }) { m in
                if first == nil { first = RetainedMessage(m) }
            }
        }
        return try Self.check(first, origin: origin, timedOut: SystemWallClock().nowMs() >= deadline)
    }

    /// `body`'s result; a topic or partition the cluster does not have means the message is
    /// gone, anything else is a transport failure.
    @discardableResult
    private func read<T>(_ origin: MessageOrigin, _ body: () throws(KafkaError) -> T) throws(RepublishError) -> T {
        do {
            return try body()
        } catch .unknownTopic(let topic) {
            throw .notRetained(origin, "topic \(topic) not found")
        } catch .metadata(let why) where why.contains("has partitions") {
            throw .notRetained(origin, why)
        } catch {
            throw .transport("cannot read \(origin.text) from \(config.brokers): \(error)")
        }
    }

    /// The message read from `origin` onwards, if it is the one at `origin`.
    static func check(_ first: RetainedMessage?, origin: MessageOrigin, timedOut: Bool) throws(RepublishError) -> RetainedMessage {
        guard let first else {
            if timedOut { throw .transport("timed out reading \(origin.text)") }
            throw .notRetained(origin, "partition \(origin.partition) ends before offset \(origin.offset)")
        }
        guard first.origin.offset == origin.offset else {
            throw .notRetained(origin, "the next message there is at offset \(first.origin.offset)")
        }
        return first
    }

    /// Sends `message` again to its topic and partition, headed `pipetop-command-id: commandID`;
    /// `delivered` is called exactly once with the cluster's answer.
    public func send(_ message: RetainedMessage, commandID: String, delivered: @escaping @Sendable (DeliveryReport) -> Void) {
        let headers = message.headers + [KafkaHeader(name: ControlRoute.commandIDHeader, text: commandID)]
        withOptionalBytes(message.key) { key in
            withOptionalBytes(message.value) { value in
                // A failure to queue already called `delivered`.
                try? producer.produce(
                    topic: message.origin.topic, partition: message.origin.partition, key: key, value: value, headers: headers,
                    delivered: delivered)
            }
        }
    }

    private func withOptionalBytes(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> Void) {
        guard let bytes else { return body(nil) }
        bytes.withUnsafeBytes { body($0) }
    }
}
