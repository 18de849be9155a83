import PipeTopCore

/// A source's connection to its cluster, as the header shows it.
enum KafkaConnectionState: Sendable, Hashable {
    /// Started, no answer from the cluster yet.
    case connecting
    case connected
    /// Lost (or never reached); the next probe is due at `retryAtMs` (wall clock).
    case disconnected(reason: String, retryAtMs: Int64)
    case stopped

    /// The header's connection segment as of `nowMs`: the retry countdown in whole seconds, rounded up.
    func status(nowMs: Int64, missingTopics: [String]) -> SourceStatus {
        switch self {
        case .connecting:
            return SourceStatus("connecting", .warning)
        case .connected:
            if missingTopics.isEmpty { return SourceStatus("connected") }
            return SourceStatus("connected, no topic " + missingTopics.joined(separator: ", "), .warning)
        case .disconnected(_, let retryAtMs):
            let seconds = max(0, (retryAtMs - nowMs + 999) / 1000)
            return SourceStatus(seconds > 0 ? "disconnected, retry in \(seconds)s" : "disconnected, retrying", .critical)
        case .stopped:
            return SourceStatus("stopped", .warning)
        }
    }

    var isConnected: Bool { self == .connected }
}
