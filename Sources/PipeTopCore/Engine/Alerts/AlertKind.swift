/// What an alert is about.
public enum AlertKind: String, Sendable, Hashable, CaseIterable {
    case drift
    case throughputDrop = "throughput_drop"
    case errorRate = "error_rate"
    case latencySLO = "latency_slo"
    case lag
    /// A consumer group behind on a partition that has committed nothing past where it
    /// stands for `group_stalled_after`.
    case stalled
    case malformed
    /// A models topic that deletes old records (`ModelsTopicRetention`).
    case retention
    /// A topic the source reads with partitions without a leader (`LeaderlessPartitions`).
    case leaderless
    /// A topic the source reads with partitions refusing acks=all writes (`AcksAllRefusal`).
    case acksAll = "acks_all"
    case stale
}
