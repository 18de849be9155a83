/// What the store measured for one model version from its scored records.
///
/// The numbers sit behind one shared box, written on copy: the store keeps the final numbers of
/// up to `maxVersionsPerModel` finished versions per pipeline for as long as it runs, and every
/// snapshot lists them all again. A copy costs a pointer instead of the 336 bytes the numbers
/// take inline, so the snapshot the dashboard holds adds almost nothing to what the store keeps.
public struct VersionStats: Sendable, Hashable {
    private var box: SharedBox<VersionNumbers>

    init(
        key: VersionKey, role: Role, scoredCount: UInt64, lastScoredMs: Int64, latency: LatencyPercentiles?,
        scoreDrift: DriftView, featureDrift: [DriftView], droppedFeatures: UInt64, quality: QualitySummary,
        agreement: Double?, live: Bool
    ) {
        box = SharedBox(VersionNumbers(
            key: key, role: role, scoredCount: scoredCount, lastScoredMs: lastScoredMs, latency: latency,
            scoreDrift: scoreDrift, featureDrift: featureDrift, droppedFeatures: droppedFeatures, quality: quality,
            agreement: agreement, live: live))
    }

    public var key: VersionKey {
        get { box.value.key }
        set { write { $0.key = newValue } }
    }
    /// The role of its most recent scored record.
    public var role: Role {
        get { box.value.role }
        set { write { $0.role = newValue } }
    }
    public var scoredCount: UInt64 {
        get { box.value.scoredCount }
        set { write { $0.scoredCount = newValue } }
    }
    public var lastScoredMs: Int64 {
        get { box.value.lastScoredMs }
        set { write { $0.lastScoredMs = newValue } }
    }
    /// From `scored.latency_us`, over the last 30–60 s of event time.
    public var latency: LatencyPercentiles? {
        get { box.value.latency }
        set { write { $0.latency = newValue } }
    }
    public var scoreDrift: DriftView {
        get { box.value.scoreDrift }
        set { write { $0.scoreDrift = newValue } }
    }
    /// One per numeric feature, in first-seen order.
    public var featureDrift: [DriftView] {
        get { box.value.featureDrift }
        set { write { $0.featureDrift = newValue } }
    }
    /// Feature values not tracked because a cap was reached.
    public var droppedFeatures: UInt64 {
        get { box.value.droppedFeatures }
        set { write { $0.droppedFeatures = newValue } }
    }
    /// Accuracy and AUC over the version's last labelled records.
    public var quality: QualitySummary {
        get { box.value.quality }
        set { write { $0.quality = newValue } }
    }
    /// Share of keys where this version predicted what the primary predicted (shadow versions).
    public var agreement: Double? {
        get { box.value.agreement }
        set { write { $0.agreement = newValue } }
    }
    /// True while raw windows are kept; false once the version's numbers are final.
    public var live: Bool {
        get { box.value.live }
        set { write { $0.live = newValue } }
    }

    /// The final numbers of a version whose live windows are dropped: drift numbers per value,
    /// quality, latency and counts, without histograms or trends (a few hundred bytes a value).
    public var finalNumbers: VersionStats {
        var s = self
        s.write {
            $0.live = false
            $0.scoreDrift = $0.scoreDrift.numbersOnly
            $0.featureDrift = $0.featureDrift.map(\.numbersOnly)
        }
        return s
    }

    var approximateBytes: Int {
        featureDrift.reduce(MemoryLayout<VersionNumbers>.stride + 16 + scoreDrift.approximateBytes) { $0 + $1.approximateBytes }
            + key.model.utf8.count
    }

    /// The worst drift of the score and features that is meaningful enough to alert on.
    public var worstDrift: DriftView? {
        ([scoreDrift] + featureDrift)
            .filter { $0.report != nil }
            .max { ($0.report?.psi ?? 0) < ($1.report?.psi ?? 0) }
    }

    public static func == (a: VersionStats, b: VersionStats) -> Bool {
        a.box === b.box || a.box.value == b.box.value
    }

    public func hash(into hasher: inout Hasher) {
        box.value.hash(into: &hasher)
    }

    /// Writes into this value's own box, first copying one another value shares.
    private mutating func write(_ body: (inout VersionNumbers) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = SharedBox(box.value) }
        body(&box.value)
    }
}
