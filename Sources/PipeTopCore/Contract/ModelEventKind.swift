/// The `event` of a model message: which lifecycle step the named version took.
public enum ModelEventKind: String, Sendable, CaseIterable, Hashable {
    /// The version exists (a trainer published it).
    case published
    /// The version is shadow-scored next to the primary.
    case candidate
    /// The version is now primary; the previous primary becomes `replaced`.
    case promoted
    /// The version was primary and was withdrawn; `to_version` serves again.
    case rolledBack = "rolled_back"
    /// The version could not be loaded or validated.
    case failed
    /// The version is withdrawn for good.
    case retired
    /// An instance reports it has the version loaded: a heartbeat, not a transition.
    case serving
}
