/// What the store measured for one model version: the fields of `VersionStats`, stored once
/// behind its shared box and read through it.
public struct VersionNumbers: Sendable, Hashable {
    public var key: VersionKey
    /// The role of its most recent scored record.
    public var role: Role
    public var scoredCount: UInt64
    public var lastScoredMs: Int64
    /// From `scored.latency_us`, over the last 30–60 s of event time.
    public var latency: LatencyPercentiles?
    public var scoreDrift: DriftView
    /// One per numeric feature, in first-seen order.
    public var featureDrift: [DriftView]
    /// Feature values not tracked because a cap was reached.
    public var droppedFeatures: UInt64
    /// Accuracy and AUC over the version's last labelled records.
    public var quality: QualitySummary
    /// Share of keys where this version predicted what the primary predicted (shadow versions).
    public var agreement: Double?
    /// True while raw windows are kept; false once the version's numbers are final.
    public var live: Bool
}
