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
    /// What it was created with, for `measuringSibling`.
    private let properties: [String: String]
    private let oauthTokenCommand: String?
    /// Kept alive as long as librdkafka may call back with it as its opaque.
    private let context: Unmanaged<KafkaClientEvents>
    private var destroyed = false

    /// Creates the client with `properties` (already resolved for `kind`). Applies
    /// `configure` to the `rd_kafka_conf_t` before creating it (extra callbacks). With
    /// `oauthTokenCommand`, librdkafka's OAUTHBEARER tokens come from that command, fetched on
    /// librdkafka's background thread (so a client that is not polled gets them too).
    init(
        kind: KafkaClientKind, properties: [String: String], log: KafkaLog, oauthTokenCommand: String? = nil,
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
        let events = KafkaClientEvents(log: log, oauthTokenCommand: oauthTokenCommand)
        let context = Unmanaged.passRetained(events)
        rd_kafka_conf_set_opaque(conf, context.toOpaque())
        rd_kafka_conf_set_log_cb(conf, kafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, kafkaErrorCallback)
        // Only records why a certificate failed; the verdict stays OpenSSL's. Refused by a
        // librdkafka built without TLS, where there are no certificates to check.
        _ = rd_kafka_conf_set_ssl_cert_verify_cb(conf, kafkaCertificateCallback)
        if oauthTokenCommand != nil {
            rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf, kafkaTokenRefreshCallback)
            rd_kafka_conf_enable_sasl_queue(conf, 1)
        }
        configure(conf)
        guard let rk = rd_kafka_new(kind == .consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, conf, &errstr, errstr.count)
        else {
            // On failure the configuration still belongs to the caller.
            rd_kafka_conf_destroy(conf)
            context.release()
            throw .clientCreation(Self.text(errstr))
        }
        if oauthTokenCommand != nil, let error = rd_kafka_sasl_background_callbacks_enable(rk) {
            log.append(level: 3, facility: "OAUTH", message: String(cString: rd_kafka_error_string(error)))
            rd_kafka_error_destroy(error)
        }
        self.handle = rk
        self.kind = kind
        self.events = events
        self.context = context
        self.properties = properties
        self.oauthTokenCommand = oauthTokenCommand
    }

    /// A producer on the same cluster with the same credentials and log, for requests that must
    /// not wait behind this client's fetches: a broker answers a connection's requests in order,
    /// so a ListOffsets sent on a consumer's connection waits for its long-polling fetch (up to
    /// `fetch.wait.max.ms`). It never produces; its connections carry only what it is asked.
    func measuringSibling() throws(KafkaError) -> KafkaClient {
        let own = properties.filter { !KafkaClientConfig.consumerOnly.contains($0.key) }
        return try KafkaClient(kind: .producer, properties: own, log: events.log, oauthTokenCommand: oauthTokenCommand)
    }

    /// A consumer on the same cluster with the same properties, credentials and log, for an
    /// ingest worker: its fetches are its own (librdkafka keeps one fetch in flight per client
    /// and broker, so workers sharing one client wait for each other's long polls).
    func consumerSibling() throws(KafkaError) -> KafkaClient {
        try KafkaClient(kind: .consumer, properties: properties, log: events.log, oauthTokenCommand: oauthTokenCommand)
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

/// librdkafka's log callback: into the client's `KafkaLog`, never to stderr; connection
/// failures also to the client's events, for their cause.
private let kafkaLogCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
    rk, level, facility, message in
    guard let rk, let opaque = rd_kafka_opaque(rk) else { return }
    let events = Unmanaged<KafkaClientEvents>.fromOpaque(opaque).takeUnretainedValue()
    let facility = facility.map { String(cString: $0) } ?? ""
    let text = message.map { String(cString: $0) } ?? ""
    events.log.append(level: Int(level), facility: facility, message: text)
    if facility == "FAIL" { events.connectionFailed(text) }
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

/// librdkafka's certificate check: keeps OpenSSL's verdict (`x509_error` 0 is a pass) and
/// records why a certificate failed, which the handshake error does not say.
private let kafkaCertificateCallback: @convention(c) (
    OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<Int32>?, Int32, UnsafePointer<CChar>?, Int,
    UnsafeMutablePointer<CChar>?, Int, UnsafeMutableRawPointer?
) -> Int32 = { _, broker, _, x509Error, _, _, _, errstr, errstrSize, opaque in
    guard let x509Error, x509Error.pointee != 0 else { return 1 }
    guard let opaque else { return 0 }
    let events = Unmanaged<KafkaClientEvents>.fromOpaque(opaque).takeUnretainedValue()
    let failure = CertificateFailure(broker: broker.map { String(cString: $0) } ?? "", code: x509Error.pointee)
    events.certificateRejected(failure)
    if let errstr, errstrSize > 0 {
        let bytes = Array(failure.cause.utf8.prefix(errstrSize - 1)).map { CChar(bitPattern: $0) } + [0]
        errstr.update(from: bytes, count: bytes.count)
    }
    return 0
}

/// librdkafka asks for an OAUTHBEARER token (at start, then at 80 % of the last one's
/// lifetime): runs `oauth_token_command` and hands over its token, or the reason it gave none.
private let kafkaTokenRefreshCallback: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
    rk, _, opaque in
    guard let rk, let opaque else { return }
    let events = Unmanaged<KafkaClientEvents>.fromOpaque(opaque).takeUnretainedValue()
    guard let command = events.oauthTokenCommand else { return }
    let token: OAuthToken
    do {
        let result = try ShellCommand(command).run()
        guard result.status == 0 else {
            throw OAuthToken.Failure("oauth_token_command failed (\(result.failureText))")
        }
        do {
            token = try OAuthToken.parse(result.trimmedOutput, nowMs: SystemWallClock().nowMs())
        } catch {
            throw OAuthToken.Failure("oauth_token_command printed no token: \(error)")
        }
    } catch {
        events.tokenFailed("\(error)")
        rd_kafka_oauthbearer_set_token_failure(rk, "\(error)")
        return
    }
    var errstr = [CChar](repeating: 0, count: 512)
    let err = rd_kafka_oauthbearer_set_token(rk, token.value, token.expiresAtMs, token.principal, nil, 0, &errstr, errstr.count)
    guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
        let why = "oauth_token_command: librdkafka refused the token: \(KafkaClient.text(errstr))"
        events.tokenFailed(why)
        rd_kafka_oauthbearer_set_token_failure(rk, why)
        return
    }
    events.tokenSet()
    events.log.append(
        level: 6, facility: "OAUTH",
        message: "token from oauth_token_command set, expires \(TimestampText.format(epochMilliseconds: token.expiresAtMs))")
}
