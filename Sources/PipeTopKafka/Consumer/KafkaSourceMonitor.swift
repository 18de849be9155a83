import PipeTopCore
import Synchronization

/// The part of a source that its consumer thread writes and the UI reads: connection state
/// and statistics, behind one lock taken once per batch.
final class KafkaSourceMonitor: Sendable {
    struct State {
        var connection = KafkaConnectionState.connecting
        var statistics = KafkaSourceStatistics()
    }

    private let state = Mutex(State())

    var connection: KafkaConnectionState { state.withLock { $0.connection } }
    var statistics: KafkaSourceStatistics { state.withLock { $0.statistics } }

    func status(nowMs: Int64) -> SourceStatus {
        state.withLock { $0.connection.status(nowMs: nowMs, missingTopics: $0.statistics.missingTopics) }
    }

    func update(_ body: (inout State) -> Void) {
        state.withLock { body(&$0) }
    }

    /// Connected again (or for the first time).
    func connected() {
        state.withLock { $0.connection = .connected }
    }

    /// Lost the cluster: counts a disconnect when it was connected. `cause`: a security
    /// failure in plain words, shown in the status.
    func disconnected(reason: String, cause: String? = nil, retryAtMs: Int64) {
        state.withLock {
            if $0.connection.isConnected { $0.statistics.disconnects += 1 }
            $0.connection = .disconnected(reason: reason, cause: cause, retryAtMs: retryAtMs)
            $0.statistics.lastError = cause ?? reason
        }
    }
}
