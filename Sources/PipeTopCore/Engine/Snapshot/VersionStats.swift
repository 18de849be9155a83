/// What the store measured for one model version from its scored records.
///
/// The numbers sit behind one shared box, written on copy: the store keeps the final numbers of
/// up to `maxVersionsPerModel` finished versions per pipeline for as long as it runs, and every
/// snapshot lists them all again. A copy costs a pointer instead of the 336 bytes the numbers
/// take inline, so the snapshot the dashboard holds adds almost nothing to what the store keeps.
@dynamicMemberLookup
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

    /// The numbers, read as the stats' own properties (`stats.scoreDrift`).
    public subscript<T>(dynamicMember path: WritableKeyPath<VersionNumbers, T>) -> T {
        get { box.value[keyPath: path] }
        set { write { $0[keyPath: path] = newValue } }
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
        let n = box.value
        return n.featureDrift.reduce(MemoryLayout<VersionNumbers>.stride + 16 + n.scoreDrift.approximateBytes) { $0 + $1.approximateBytes }
            + n.key.model.utf8.count
    }

    /// The worst drift of the score and features that is meaningful enough to alert on.
    public var worstDrift: DriftView? {
        ([box.value.scoreDrift] + box.value.featureDrift)
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
