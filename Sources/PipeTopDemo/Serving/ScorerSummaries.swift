import PipeTopCore

/// What each scorer instance counts for its `metrics` events' `histograms` (`pipetop demo
/// --summaries`): every score and feature it writes, per version, over the bins of the
/// version's shipped reference, since the instance's last report. The values are counted as
/// the scored records carry them (rounded as written), so summaries and records of the same
/// records give pipetop the same shares.
struct ScorerSummaries: Sendable {
    /// The bins of one version: the score's inner edges and each feature's (by position in the
    /// feature vector; nil where the reference has none).
    private struct Bins: Sendable {
        var score: [Double]
        var features: [[Double]?]
    }

    /// One version's counts at one instance since its last report.
    private struct Counts: Sendable {
        var version: Int
        var score: [UInt64]
        var features: [[UInt64]]
    }

    private let featureNames: [String]
    private var bins: [Int: Bins] = [:]
    /// Per instance, the versions it counted since its last report.
    private var counts: [[Counts]]

    init(instances: Int, featureNames: [String]) {
        self.featureNames = featureNames
        counts = Array(repeating: [], count: max(1, instances))
    }

    /// Versions whose bins are kept (the newest): more than a pipeline ever has loaded, or
    /// could load again on a rollback.
    static let maxVersions = 16

    /// A version loaded with `reference`: its values are counted from now on (a version without
    /// a reference has no bins a scorer could count over, and is not).
    mutating func load(_ version: Int, reference: Reference?) {
        guard let reference else { return }
        bins[version] = Bins(score: reference.score.edges, features: featureNames.map { reference.features[$0]?.edges })
        if bins.count > Self.maxVersions, let oldest = bins.keys.min() { bins[oldest] = nil }
    }

    /// Counts one record `instance` wrote for `version`: its score and, unless empty (a shadow
    /// record carries none), its features in the feature vector's order, each as written.
    mutating func count(instance: Int, version: Int, score: Double, features: [Double]) {
        guard let b = bins[version], counts.indices.contains(instance) else { return }
        let k: Int
        if let found = counts[instance].firstIndex(where: { $0.version == version }) {
            k = found
        } else {
            // A feature without reference edges gets no counts at all.
            counts[instance].append(Counts(
                version: version, score: [UInt64](repeating: 0, count: b.score.count + 1),
                features: b.features.map { edges in edges.map { [UInt64](repeating: 0, count: $0.count + 1) } ?? [] }))
            k = counts[instance].count - 1
        }
        counts[instance][k].score[DriftMath.bin(of: ScoredRecordWriter.written(score: score), edges: b.score)] += 1
        for (f, x) in features.enumerated() where f < b.features.count {
            guard let edges = b.features[f] else { continue }
            counts[instance][k].features[f][DriftMath.bin(of: ScoredRecordWriter.written(feature: x), edges: edges)] += 1
        }
    }

    /// The histograms `instance` reports now, one entry per version it counted, and a fresh
    /// start for the next interval.
    mutating func take(instance: Int, model: String) -> [VersionHistograms] {
        guard counts.indices.contains(instance) else { return [] }
        defer { counts[instance] = [] }
        return counts[instance].map { c in
            let features = zip(featureNames, c.features).compactMap { name, counts in
                counts.contains { $0 > 0 } ? BinCounts(name: name, counts: counts) : nil
            }
            return VersionHistograms(model: model, version: c.version, score: c.score, features: features)
        }
    }
}
