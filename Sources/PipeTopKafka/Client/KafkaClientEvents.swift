import CRdKafka
import Synchronization

/// What librdkafka's callbacks report about a client's health, read by the thread that owns it.
///
/// librdkafka serves error callbacks on the thread that polls the client and log callbacks on
/// its own threads; both only record here, and never touch the terminal.
final class KafkaClientEvents: Sendable {
    struct State {
        /// Times every known broker was reported down (`_ALL_BROKERS_DOWN`).
        var allBrokersDown: UInt64 = 0
        /// The latest error librdkafka reported, for the status line.
        var lastError: String?
        /// Set once the client hit a fatal error; it can do nothing more.
        var fatal: String?
        var errors: UInt64 = 0
        /// Delivery reports of a producer: messages the cluster acknowledged, and ones it did not.
        var delivered: UInt64 = 0
        var failed: UInt64 = 0
        /// The latest TLS, SASL or token failure in plain words, naming the broker
        /// (`ConnectionCause`); cleared once the cluster answers.
        var securityFailure: String?
        /// The latest failed check of a broker's certificate.
        var certificateFailure: CertificateFailure?
        /// OAUTHBEARER tokens set by `oauthTokenCommand`, and failed attempts to get one.
        var tokensSet: UInt64 = 0
        var tokenFailures: UInt64 = 0
    }

    let log: KafkaLog
    /// Run for every OAUTHBEARER token librdkafka asks for; nil when none is configured.
    let oauthTokenCommand: String?
    private let state = Mutex(State())

    init(log: KafkaLog, oauthTokenCommand: String? = nil) {
        self.log = log
        self.oauthTokenCommand = oauthTokenCommand
    }

    var snapshot: State { state.withLock { $0 } }

    /// Records an error from librdkafka's error callback.
    func error(_ code: rd_kafka_resp_err_t, reason: String, isFatal: Bool) {
        let text = reason.isEmpty ? String(cString: rd_kafka_err2str(code)) : reason
        let explained = state.withLock { s -> String? in
            s.errors += 1
            let explained = ConnectionCause.explain(text, certificate: s.certificateFailure)
            if let explained { s.securityFailure = explained }
            s.lastError = explained ?? text
            if code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN { s.allBrokersDown += 1 }
            if isFatal && s.fatal == nil { s.fatal = text }
            return explained
        }
        log.append(level: isFatal ? 2 : 3, facility: isFatal ? "FATAL" : "ERROR", message: text)
        if let explained { log.append(level: 3, facility: "SECURITY", message: explained) }
    }

    /// A connection failure librdkafka logged (facility `FAIL`, from its broker threads, so
    /// known even to a client that serves no error callbacks while it waits): kept when it is
    /// a security failure.
    func connectionFailed(_ message: String) {
        state.withLock { s in
            if let explained = ConnectionCause.explain(message, certificate: s.certificateFailure) {
                s.securityFailure = explained
            }
        }
    }

    /// Records why a broker's certificate failed its check (librdkafka's verify callback).
    func certificateRejected(_ failure: CertificateFailure) {
        state.withLock { $0.certificateFailure = failure }
    }

    /// The cluster answered: an earlier security failure is over.
    func clusterAnswered() {
        state.withLock {
            $0.securityFailure = nil
            $0.certificateFailure = nil
        }
    }

    /// Counts a token set from `oauthTokenCommand`.
    func tokenSet() {
        state.withLock { $0.tokensSet += 1 }
    }

    /// `oauthTokenCommand` gave no token: the cause of the connection failures that follow
    /// (librdkafka connects to no broker without a token).
    func tokenFailed(_ why: String) {
        let cause = "OAUTHBEARER: " + why
        state.withLock {
            $0.tokenFailures += 1
            $0.securityFailure = cause
            $0.lastError = cause
        }
        log.append(level: 3, facility: "OAUTH", message: why)
    }

    /// Counts one delivery report; a failure's reason becomes the latest error.
    func delivery(failure: String?) {
        state.withLock {
            if let failure {
                $0.failed += 1
                $0.lastError = failure
            } else {
                $0.delivered += 1
            }
        }
    }
}
