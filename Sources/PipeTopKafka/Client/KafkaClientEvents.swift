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
    }

    let log: KafkaLog
    private let state = Mutex(State())

    init(log: KafkaLog) {
        self.log = log
    }

    var snapshot: State { state.withLock { $0 } }

    /// Records an error from librdkafka's error callback.
    func error(_ code: rd_kafka_resp_err_t, reason: String, isFatal: Bool) {
        let text = reason.isEmpty ? String(cString: rd_kafka_err2str(code)) : reason
        state.withLock {
            $0.errors += 1
            $0.lastError = text
            if code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN { $0.allBrokersDown += 1 }
            if isFatal && $0.fatal == nil { $0.fatal = text }
        }
        log.append(level: isFatal ? 2 : 3, facility: isFatal ? "FATAL" : "ERROR", message: text)
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
