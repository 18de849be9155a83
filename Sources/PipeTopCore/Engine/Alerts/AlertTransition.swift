/// An alert being raised, changing severity, or clearing: the alert history.
public struct AlertTransition: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable {
        case raised, escalated, deescalated, cleared
    }

    public var change: Change
    public var alert: Alert
    public var atMs: Int64
}
