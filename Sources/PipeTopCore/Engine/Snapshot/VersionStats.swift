/// What the store measured for one model version from its scored records.
public struct VersionStats: Sendable, Hashable {
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

    /// The final numbers of a version whose live windows are dropped: drift numbers per value,
    /// quality, latency and counts, without histograms or trends (a few hundred bytes a value).
    public var finalNumbers: VersionStats {
        var s = self
        s.live = false
        s.scoreDrift = scoreDrift.numbersOnly
        s.featureDrift = featureDrift.map(\.numbersOnly)
        return s
    }

    var approximateBytes: Int {
        featureDrift.reduce(MemoryLayout<VersionStats>.stride + scoreDrift.approximateBytes) { $0 + $1.approximateBytes }
            + key.model.utf8.count
    }

    /// The worst drift of the score and features that is meaningful enough to alert on.
    public var worstDrift: DriftView? {
        ([scoreDrift] + featureDrift)
            .filter { $0.report != nil }
            .max { ($0.report?.psi ?? 0) < ($1.report?.psi ?? 0) }
    }
}
