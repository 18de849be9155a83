import CRdKafka
import Dispatch
import Foundation
import PipeTopCore
import Synchronization

/// Sends messages to Kafka topics with librdkafka, with a thread of its own that serves
/// delivery reports; the base of `KafkaSink` (the demo pipeline's outputs) and
/// `KafkaControlSink` (control commands).
///
/// Safe to use from several threads. librdkafka copies each message, so callers may reuse
/// their buffers at once.
public final class KafkaProducer: Sendable {
    public let config: KafkaClientConfig
    public let options: KafkaProducerOptions
    public let log: KafkaLog
    private let client: KafkaClient
    private let produced = Atomic<UInt64>(0)
    private let closed = RunFlag()
    private let polling = RunFlag()
    private let pollerDone = DispatchSemaphore(value: 0)

    public init(config: KafkaClientConfig, options: KafkaProducerOptions = KafkaProducerOptions(), log: KafkaLog? = nil) throws(KafkaError) {
        self.config = config
        self.options = options
        let log = log ?? KafkaLog(filePath: config.logFile)
        self.log = log
        let properties = config.resolved(for: .producer, roleDefaults: options.roleDefaults, forced: options.forced)
        client = try KafkaClient(kind: .producer, properties: properties, log: log, oauthTokenCommand: config.oauthTokenCommand) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf, kafkaDeliveryCallback)
        }
        polling.set(true)
        let client = UncheckedBox(client)
        let polling = polling
        let done = pollerDone
        let thread = Thread {
            while polling.isSet { rd_kafka_poll(client.value.handle, 100) }
            done.signal()
        }
        thread.name = "pipetop-kafka-producer"
        thread.start()
    }

    deinit {
        polling.set(false)
        pollerDone.wait()
        // Messages still owed a report are purged; serving their (failed) reports calls every
        // handler still waiting, so each `delivered` runs exactly once.
        rd_kafka_purge(client.handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
        _ = rd_kafka_flush(client.handle, 2_000)
        client.destroy()
    }

    /// Queues one message for `topic`, partitioned by `key`. A nil `value` is a null (tombstone),
    /// an empty one an empty value. Waits while librdkafka's queue is full (up to
    /// `options.queueFullTimeout`). `delivered`, when given, is called exactly once with the
    /// outcome, on the producer's thread — or on the caller's when this throws.
    public func produce(
        topic: String, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?,
        delivered: (@Sendable (DeliveryReport) -> Void)? = nil
    ) throws(KafkaError) {
        try produce(topic: topic, partition: nil, key: key, value: value, headers: [], delivered: delivered)
    }

    /// `produce` to one `partition` (nil: by key), with `headers` (a nil header value is a
    /// null one), in this order.
    public func produce(
        topic: String, partition: Int32?, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?,
        headers: [KafkaHeader], delivered: (@Sendable (DeliveryReport) -> Void)? = nil
    ) throws(KafkaError) {
        let opaque = delivered.map { Unmanaged.passRetained(DeliveryHandler($0)).toOpaque() }
        do {
            try enqueue(topic: topic, partition: partition ?? pipetop_partition_ua(), key: key, value: value, headers: headers, opaque: opaque)
        } catch {
            if let opaque {
                Unmanaged<DeliveryHandler>.fromOpaque(opaque).takeRetainedValue().body(.failed(error.description))
            }
            throw error
        }
    }

    /// `produce` with a string key and byte value.
    public func produce(
        topic: String, key: String, value: [UInt8], delivered: (@Sendable (DeliveryReport) -> Void)? = nil
    ) throws(KafkaError) {
        var key = key
        let result: Result<Void, KafkaError> = key.withUTF8 { k in
            value.withUnsafeBytes { v in
                Result { () throws(KafkaError) in
                    try produce(topic: topic, key: UnsafeRawBufferPointer(k), value: v, delivered: delivered)
                }
            }
        }
        try result.get()
    }

    private func enqueue(
        topic: String, partition: Int32, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, headers: [KafkaHeader],
        opaque: UnsafeMutableRawPointer?
    ) throws(KafkaError) {
        if closed.isSet { throw .produce("the producer is closed") }
        if let fatal = client.fatalError { throw .fatal(fatal) }
        var waitedMs: Int64 = 0
        while true {
            // A non-nil pointer with length 0 is an empty value; librdkafka takes NULL as null.
            let valuePointer = value.map { $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)! }
            let list = headers.isEmpty ? nil : KafkaHeader.list(headers)
            let err = topic.withCString { name in
                pipetop_producev(
                    client.handle, name, partition, key?.baseAddress, key?.count ?? 0,
                    value == nil ? nil : valuePointer, value?.count ?? 0, list, opaque)
            }
            if err != RD_KAFKA_RESP_ERR_NO_ERROR, let list { rd_kafka_headers_destroy(list) }
            if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                produced.add(1, ordering: .relaxed)
                return
            }
            guard err == RD_KAFKA_RESP_ERR__QUEUE_FULL else {
                throw .produce("\(topic): " + String(cString: rd_kafka_err2str(err)))
            }
            if waitedMs >= options.queueFullTimeout.milliseconds {
                throw .timedOut("waiting for room in the producer queue (\(topic))")
            }
            // Backpressure: serve delivery reports while the queue drains.
            rd_kafka_poll(client.handle, 10)
            waitedMs += 10
        }
    }

    /// Waits until every message produced so far is delivered or failed (`options.flushTimeout`).
    public func flush(timeout: Duration? = nil) throws(KafkaError) {
        let err = rd_kafka_flush(client.handle, Int32(clamping: (timeout ?? options.flushTimeout).milliseconds))
        if let fatal = client.fatalError { throw .fatal(fatal) }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .timedOut("flushing \(rd_kafka_outq_len(client.handle)) messages")
        }
    }

    /// Refuses further messages; what was produced is still delivered (or purged when the
    /// producer goes away). Safe to call more than once.
    public func close() {
        closed.set(true)
    }

    public var statistics: KafkaProducerStatistics {
        let events = client.events.snapshot
        var s = KafkaProducerStatistics()
        s.produced = produced.load(ordering: .relaxed)
        s.delivered = events.delivered
        s.failed = events.failed
        s.outstanding = Int(rd_kafka_outq_len(client.handle))
        s.lastError = events.fatal ?? events.lastError
        return s
    }

    /// The client's fatal error, if it had one: then it can send nothing more.
    public var fatalError: String? { client.fatalError }

    /// The librdkafka handle, for the admin client sharing this connection.
    var rawClient: KafkaClient { client }
}

/// librdkafka's delivery report callback: counts, then calls the message's own handler.
private let kafkaDeliveryCallback: @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
    _, message, opaque in
    guard let message else { return }
    let failure = message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : String(cString: rd_kafka_err2str(message.pointee.err))
    if let opaque {
        Unmanaged<KafkaClientEvents>.fromOpaque(opaque).takeUnretainedValue().delivery(failure: failure)
    }
    if let handler = message.pointee._private {
        let report: DeliveryReport = failure.map { .failed($0) } ?? .delivered
        Unmanaged<DeliveryHandler>.fromOpaque(handler).takeRetainedValue().body(report)
    }
}
