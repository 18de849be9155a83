/// What an alert is about.
public enum AlertKind: String, Sendable, Hashable, CaseIterable {
    case drift
    case throughputDrop = "throughput_drop"
    case errorRate = "error_rate"
    case latencySLO = "latency_slo"
    case lag
    case malformed
    case stale
}
