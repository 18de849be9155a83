import PipeTopCore

/// An operator's action on an alert, for the Events screen's alert history.
public struct OperatorAlertEntry: Sendable, Hashable {
    public var atMs: Int64
    public var alert: Alert
    /// "acked" or "silenced for 30m".
    public var change: String
    public var by: String
}
