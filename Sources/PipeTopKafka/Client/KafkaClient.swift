import CRdKafka
import Foundation
import PipeTopCore

/// One librdkafka client (`rd_kafka_t`), consumer or producer, with callbacks that send its
/// log lines and errors to a `KafkaLog` instead of stderr.
///
/// librdkafka's API is thread-safe, so the handle may be used from any thread; `destroy()`
/// must come last, once no other thread uses it.
final class KafkaClient: @unchecked Sendable {
    /// The `rd_kafka_t *`.
    let handle: OpaquePointer
    let kind: KafkaClientKind
    let events: KafkaClientEvents
    /// Kept alive as long as librdkafka may call back with it as its opaque.
    private let context: Unmanaged<KafkaClientEvents>
    private var destroyed = false

    /// Creates the client with `properties` (already resolved for `kind`). Applies
    /// `configure` to the `rd_kafka_conf_t` before creating it (extra callbacks).
    init(
        kind: KafkaClientKind, properties: [String: String], log: KafkaLog,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) {
        let conf = rd_kafka_conf_new()!
        var errstr = [CChar](repeating: 0, count: 512)
        // Sorted, so the first bad property reported is the same every run.
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, key, value, &errstr, errstr.count)
            if result == RD_KAFKA_CONF_UNKNOWN && KafkaClientConfig.optionalProperties.contains(key) {
                log.append(level: 6, facility: "CONFIG", message: "librdkafka \(KafkaLibrary.version) has no \(key); left out")
                continue
            }
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw .invalidProperty(
                    key: key, value: SecretMask.mask(key: key, value: value), reason: Self.text(errstr))
            }
        }
        let events = KafkaClientEvents(log: log)
        let context = Unmanaged.passRetained(events)
        rd_kafka_conf_set_opaque(conf, context.toOpaque())
        rd_kafka_conf_set_log_cb(conf, kafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, kafkaErrorCallback)
        configure(conf)
        guard let rk = rd_kafka_new(kind == .consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, conf, &errstr, errstr.count)
        else {
            // On failure the configuration still belongs to the caller.
            rd_kafka_conf_destroy(conf)
            context.release()
            throw .clientCreation(Self.text(errstr))
        }
        self.handle = rk
        self.kind = kind
        self.events = events
        self.context = context
    }

    /// Destroys the handle (a consumer without leaving any group: it never joined one), then
    /// releases the callbacks' context. Call once, from the thread that owns the client.
    func destroy() {
        guard !destroyed else { return }
        destroyed = true
        if kind == .consumer {
            rd_kafka_destroy_flags(handle, Int32(RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE))
        } else {
            rd_kafka_destroy(handle)
        }
        context.release()
    }

    /// The client's fatal error, if it had one.
    var fatalError: String? { events.snapshot.fatal }

    static func text(_ buffer: [CChar]) -> String {
        buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// The version of the librdkafka loaded at run time (not the headers built against).
public enum KafkaLibrary {
    /// e.g. `2.16.0`.
    public static var version: String { String(cString: rd_kafka_version_str()) }
    /// `0xMMmmrrxx`, as `RD_KAFKA_VERSION`.
    public static var versionNumber: Int { Int(rd_kafka_version()) }
}

/// librdkafka's log callback: into the client's `KafkaLog`, never to stderr.
private let kafkaLogCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
    rk, level, facility, message in
    guard let rk, let opaque = rd_kafka_opaque(rk) else { return }
    let events = Unmanaged<KafkaClientEvents>.fromOpaque(opaque).takeUnretainedValue()
    events.log.append(
        level: Int(level), facility: facility.map { String(cString: $0) } ?? "",
        message: message.map { String(cString: $0) } ?? "")
}

/// librdkafka's error callback: recorded for the owner's status.
private let kafkaErrorCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
    rk, code, reason, opaque in
    guard let opaque else { return }
    let events = Unmanaged<KafkaClientEvents>.fromOpaque(opaque).takeUnretainedValue()
    let err = rd_kafka_resp_err_t(rawValue: code)
    var fatal = false
    var text = reason.map { String(cString: $0) } ?? ""
    if err == RD_KAFKA_RESP_ERR__FATAL, let rk {
        var errstr = [CChar](repeating: 0, count: 512)
        rd_kafka_fatal_error(rk, &errstr, errstr.count)
        text = KafkaClient.text(errstr)
        fatal = true
    }
    events.error(err, reason: text, isFatal: fatal)
}
