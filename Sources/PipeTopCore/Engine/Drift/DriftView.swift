/// The drift of one value stream (the score or a feature) as screens show it:
/// the numbers and both histograms over the same bins.
public struct DriftView: Sendable, Hashable {
    /// `score`, or the feature's name.
    public var name: String
    /// Nil until the reference is complete and the current window has values.
    public var report: DriftReport?
    /// Whether the current window is the records pipetop read or the scorers' summaries.
    public var source: DriftSource = .records
    /// Inner bin edges; the histograms have one more entry.
    public var edges: [Double]
    public var referenceShares: [Double]
    public var currentShares: [Double]
    /// Values collected towards a learned reference, and how many it needs.
    public var referenceCollected: Int
    public var referenceNeeded: Int
    /// PSI at each of the last recomputations (about one per second of event time), oldest first.
    public var trend: [Double] = []

    /// The numbers and window sizes without the histograms and the trend: what a version keeps
    /// once its windows are dropped.
    public var numbersOnly: DriftView {
        var v = self
        v.edges = []
        v.referenceShares = []
        v.currentShares = []
        v.trend = []
        return v
    }

    var approximateBytes: Int {
        MemoryLayout<DriftView>.stride + (name.utf8.count > 15 ? name.utf8.count : 0)
            + 8 * (edges.count + referenceShares.count + currentShares.count + trend.count)
    }

    init(name: String, tracker: inout DistributionTracker) {
        self.name = name
        report = tracker.report()
        source = tracker.source
        edges = tracker.edges
        referenceShares = tracker.referenceShares
        currentShares = tracker.currentShares
        referenceCollected = tracker.referenceCollected
        referenceNeeded = tracker.referenceNeeded
    }
}
