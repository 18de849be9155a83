/// What the store measured for one model version from its scored records.
public struct VersionStats: Sendable, Hashable {
    public var key: VersionKey
    /// The role of its most recent scored record.
    public var role: Role
    public var scoredCount: UInt64
    public var lastScoredMs: Int64
    /// From `scored.latency_us`, over the last 30–60 s of event time.
    public var latency: LatencyPercentiles?
    /// True while raw windows are kept; false once the version's numbers are final.
    public var live: Bool
}
