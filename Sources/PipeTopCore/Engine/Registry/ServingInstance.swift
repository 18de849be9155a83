/// An instance that reported a version as loaded, and when it last did.
public struct ServingInstance: Sendable, Hashable {
    public let instance: String
    /// `nil` when only a model-event heartbeat (which carries no role) has been seen.
    public let role: Role?
    public let lastSeenMs: Int64

    public init(instance: String, role: Role?, lastSeenMs: Int64) {
        self.instance = instance
        self.role = role
        self.lastSeenMs = lastSeenMs
    }
}
