/// The fields of `VersionStats`, stored once behind its shared box.
struct VersionNumbers: Sendable, Hashable {
    var key: VersionKey
    var role: Role
    var scoredCount: UInt64
    var lastScoredMs: Int64
    var latency: LatencyPercentiles?
    var scoreDrift: DriftView
    var featureDrift: [DriftView]
    var droppedFeatures: UInt64
    var quality: QualitySummary
    var agreement: Double?
    var live: Bool
}
