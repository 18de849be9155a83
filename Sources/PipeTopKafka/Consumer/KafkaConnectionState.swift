import PipeTopCore

/// A source's connection to its cluster, as the header shows it.
enum KafkaConnectionState: Sendable, Hashable {
    /// Started, no answer from the cluster yet.
    case connecting
    case connected
    /// Lost (or never reached); the next probe is due at `retryAtMs` (wall clock). `cause`:
    /// a TLS, SASL or token failure in plain words (`ConnectionCause`), which the header shows
    /// because retrying alone will not fix it.
    case disconnected(reason: String, cause: String? = nil, retryAtMs: Int64)
    case stopped

    /// The header's connection segment as of `nowMs`: the retry countdown in whole seconds, rounded up.
    func status(nowMs: Int64, missingTopics: [String]) -> SourceStatus {
        switch self {
        case .connecting:
            return SourceStatus("connecting", .warning)
        case .connected:
            if missingTopics.isEmpty { return SourceStatus("connected") }
            return SourceStatus("connected, no topic " + missingTopics.joined(separator: ", "), .warning)
        case .disconnected(_, let cause, let retryAtMs):
            let seconds = max(0, (retryAtMs - nowMs + 999) / 1000)
            let retry = seconds > 0 ? "retry in \(seconds)s" : "retrying"
            return SourceStatus("disconnected" + (cause.map { " (\($0))" } ?? "") + ", " + retry, .critical)
        case .stopped:
            return SourceStatus("stopped", .warning)
        }
    }

    var isConnected: Bool { self == .connected }
}
