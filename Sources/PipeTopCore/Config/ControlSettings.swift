/// Whether and how pipetop may act on pipelines (`[control]`).
public struct ControlSettings: Sendable, Hashable {
    /// Off turns every control action off, like `read_only`.
    public var enabled = true
    public var readOnly = false
    /// Pipelines whose actions need the version typed to confirm.
    public var protectedPipelines: [String] = []
    /// How long to wait for a scorer's ack before reporting a timeout.
    public var ackTimeout = Duration.seconds(10)
    /// Audit log path with `~` expanded; nil means `defaultAuditLogPath(environment:)`.
    public var auditLog: String?
    /// Requesters allowed to issue commands; empty means anyone.
    public var allowedRequesters: [String] = []

    public init(
        enabled: Bool = true, readOnly: Bool = false, protectedPipelines: [String] = [],
        ackTimeout: Duration = .seconds(10), auditLog: String? = nil,
        allowedRequesters: [String] = []
    ) {
        self.enabled = enabled
        self.readOnly = readOnly
        self.protectedPipelines = protectedPipelines
        self.ackTimeout = ackTimeout
        self.auditLog = auditLog
        self.allowedRequesters = allowedRequesters
    }

    /// `$XDG_STATE_HOME/pipetop/audit.jsonl`, else `~/.local/state/pipetop/audit.jsonl`;
    /// with neither variable set, `pipetop-audit.jsonl` in the working directory.
    public static func defaultAuditLogPath(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/pipetop/audit.jsonl"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.local/state/pipetop/audit.jsonl"
        }
        return "pipetop-audit.jsonl"
    }
}
