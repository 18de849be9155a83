/// One model version's values counted over the bins of its reference, for the interval since
/// the instance's previous report: an entry of a `metrics` event's `histograms`
/// (docs/contract.md). A scorer that sends these lets pipetop measure drift without reading
/// the scored records.
public struct VersionHistograms: Sendable, Hashable {
    public var model: String
    public var version: Int
    /// Scores per bin of the version's score reference: `edges.count + 1` counts, bin `i`
    /// holding the values with `searchsorted(edges, x, side="right") == i`; nil: not counted.
    public var score: [UInt64]?
    /// The same per feature, over the feature's reference edges, in message order.
    public var features: [BinCounts]

    /// Entries one `metrics` event may carry.
    public static let maxVersions = 32
    /// Features one entry may count (as many as a version's drift windows: `StoreLimits`).
    public static let maxFeatures = 32
    /// Counts one histogram may have: a reference has at most 999 edges.
    public static let maxCounts = 1_000
    /// The largest total of one histogram: counts stay exact as doubles when they are shared out.
    public static let maxTotal: UInt64 = 1 << 53

    public init(model: String, version: Int, score: [UInt64]? = nil, features: [BinCounts] = []) {
        self.model = model
        self.version = version
        self.score = score
        self.features = features
    }
}

/// Counts per bin of one named value.
public struct BinCounts: Sendable, Hashable {
    public var name: String
    public var counts: [UInt64]

    public init(name: String, counts: [UInt64]) {
        self.name = name
        self.counts = counts
    }
}
