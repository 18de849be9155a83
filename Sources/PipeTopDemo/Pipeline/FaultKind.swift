/// The faults `--faults` injects, one at a time, each pipeline in turn.
public enum FaultKind: String, Sendable, CaseIterable, Hashable {
    /// A scorer process restarts: its counters start again from zero.
    case scorerRestart = "scorer_restart"
    /// A burst of messages no decoder accepts on the scored topic.
    case malformedBurst = "malformed_burst"
    /// A scorer stops taking records and reporting for a while.
    case stalledScorer = "stalled_scorer"
    /// The next trained version's artifact arrives corrupted and fails to load.
    case failedLoad = "failed_load"
}
