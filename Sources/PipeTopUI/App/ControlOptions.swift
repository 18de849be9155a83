import PipeTopCore

/// What the dashboard needs to act on pipelines: whether it can (a control channel exists and
/// read-only mode is off), who is acting, the guardrails, and how long to wait for acks.
public struct ControlOptions: Sendable {
    /// Nil when control actions can be offered; else why not (shown when one is tried).
    public var unavailable: String?
    public var planner: ControlPlanner
    /// `requested_by` of every command: `$PIPETOP_USER`, else user@host.
    public var requester: String
    public var ackTimeoutMs: Int64

    public init(unavailable: String? = nil, planner: ControlPlanner = ControlPlanner(), requester: String = "pipetop",
                ackTimeoutMs: Int64 = 10_000) {
        self.unavailable = unavailable
        self.planner = planner
        self.requester = requester
        self.ackTimeoutMs = ackTimeoutMs
    }
}
