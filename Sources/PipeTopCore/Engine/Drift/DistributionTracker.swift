/// Streaming drift of one value stream (a score or a feature) against its reference:
/// fixed memory, O(log B) and allocation-free per value, O(B) PSI/JS per report.
///
/// The reference is either shipped (a `ReferenceHistogram`: its edges define the bins, KS only
/// when it carries a sample) or learned from the first `referenceWindow` finite values (edges
/// from their quantiles, the values kept, sorted, as the KS reference). Values that build the
/// reference do not enter the current window: KS and PSI assume two independent samples.
/// The current window is a ring of the last `currentWindow` values with per-bin counts kept
/// up to date on every add, so a report never rebins the window.
///
/// A tracker whose reference is shipped can also take summaries (`add(summary:)`): counts per
/// bin for an interval, which feed a window of their own (`SummaryWindow`). While that window
/// holds values, the tracker reports from it (`source` is `.summaries`): PSI and JS over the
/// same shares as records would give, KS from the binned CDFs, marked approximate. Summaries
/// count every record a scorer served, records only those pipetop read.
///
/// It is a value type: copying it for a snapshot is cheap, and the next `add` on the original
/// then pays one copy-on-write of the buffers (the only allocation `add` can ever make).
public struct DistributionTracker: Sendable {
    public let settings: DriftSettings
    /// Number of bins, fixed at init.
    public let binCount: Int
    /// False for a learned reference still filling up.
    public private(set) var isReferenceComplete: Bool
    /// Finite values collected towards a learned reference (equals `referenceNeeded` once complete).
    public private(set) var referenceCollected: Int
    /// Values a learned reference needs; for a shipped histogram, its `n`.
    public let referenceNeeded: Int
    /// Records behind the reference, reported as `DriftReport.referenceCount`.
    public private(set) var referenceCount: Int
    /// NaN and ±infinity values passed to `add`, which are otherwise ignored.
    public private(set) var ignoredNonFinite = 0
    /// The reference came with the model event: its edges are known to the scorers, so
    /// summaries over them can be taken.
    public let isReferenceShipped: Bool

    /// Inner bin edges (`binCount − 1`); meaningful only once the reference is complete.
    private var edgeStorage: [Double]
    private var referenceShareStorage: [Double]
    /// Learned: the reference buffer, sorted on completion. Shipped: the sorted sample, maybe empty.
    private var referenceSample: [Double]
    private let hasKSReference: Bool
    /// The current window's values, their bins (so evicting needs no second search) and counts.
    private var window: SlidingWindowStorage
    private var windowNext = 0
    private var windowFilled = 0
    /// The window of summaries; nil until the first one.
    private var summaries: SummaryWindow?
    private var cachedReport: DriftReport?
    private var dirty = true
    /// Reports actually computed (not served from the cache); lets tests see the cache work.
    internal private(set) var computations = 0

    /// A tracker that learns its reference from the first `settings.referenceWindow` finite
    /// values. Out-of-range settings are clamped: bins to 2…1000, windows to at least 1.
    public init(settings: DriftSettings) {
        self.settings = settings
        binCount = min(max(settings.bins, DriftComparison.minBins), DriftComparison.maxBins)
        isReferenceComplete = false
        isReferenceShipped = false
        referenceCollected = 0
        referenceNeeded = max(1, settings.referenceWindow)
        referenceCount = 0
        edgeStorage = [Double](repeating: 0, count: binCount - 1)
        referenceShareStorage = [Double](repeating: 0, count: binCount)
        referenceSample = [Double](repeating: 0, count: referenceNeeded)
        hasKSReference = true
        window = SlidingWindowStorage(capacity: max(1, settings.currentWindow), binCount: binCount)
    }

    /// A tracker whose reference is a shipped histogram; its edges define the bins
    /// (`settings.bins` is not used) and KS is reported only if it carries a sample.
    public init(settings: DriftSettings, reference: ReferenceHistogram) throws(DriftError) {
        let edges = reference.edges
        guard !edges.isEmpty, edges.count < DriftComparison.maxBins else {
            throw .invalidHistogram("needs 1 to \(DriftComparison.maxBins - 1) edges, has \(edges.count)")
        }
        guard reference.counts.count == edges.count + 1 else {
            throw .invalidHistogram("\(edges.count) edges need \(edges.count + 1) counts, got \(reference.counts.count)")
        }
        guard edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw .invalidHistogram("edges must be finite and ascending")
        }
        guard reference.counts.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidHistogram("counts must be finite and non-negative")
        }
        let total = reference.counts.reduce(0, +)
        guard total > 0 else { throw .invalidHistogram("counts sum to zero") }
        let sample = reference.sample ?? []
        guard sample.allSatisfy(\.isFinite) else { throw .invalidHistogram("sample has a non-finite value") }

        self.settings = settings
        binCount = edges.count + 1
        isReferenceComplete = true
        isReferenceShipped = true
        // A histogram whose `n` is missing or nonsensical still has its counts to go by.
        let n = reference.n > 0 ? reference.n : Int(total.rounded())
        referenceCollected = n
        referenceNeeded = n
        referenceCount = n
        edgeStorage = edges
        referenceShareStorage = reference.counts.map { $0 / total }
        referenceSample = sample.sorted()
        hasKSReference = !sample.isEmpty
        window = SlidingWindowStorage(capacity: max(1, settings.currentWindow), binCount: binCount)
    }

    /// Adds one value: to the reference while it is being learned, else to the current window,
    /// evicting the oldest value once the window is full. Non-finite values are only counted.
    /// O(log B) without allocation, except for the one value that completes a learned
    /// reference, which sorts it once (O(R log R)).
    public mutating func add(_ x: Double) {
        guard x.isFinite else {
            ignoredNonFinite += 1
            return
        }
        guard isReferenceComplete else {
            referenceSample[referenceCollected] = x
            referenceCollected += 1
            if referenceCollected == referenceNeeded { completeReference() }
            return
        }
        if !isKnownUniquelyReferenced(&window) { window = window.copy() }
        let bin = DriftMath.bin(of: x, edges: edgeStorage)
        if windowFilled == window.capacity {
            window.counts[Int(window.bins[windowNext])] -= 1
        } else {
            windowFilled += 1
        }
        window.values[windowNext] = x
        window.bins[windowNext] = UInt16(truncatingIfNeeded: bin)
        window.counts[bin] += 1
        windowNext += 1
        if windowNext == window.capacity { windowNext = 0 }
        dirty = true
    }

    private mutating func completeReference() {
        referenceSample.sort()
        for k in 1..<binCount {
            edgeStorage[k - 1] = DriftMath.quantile(sorted: referenceSample, Double(k) / Double(binCount))
        }
        var counts = [Int](repeating: 0, count: binCount)
        for value in referenceSample {
            counts[DriftMath.bin(of: value, edges: edgeStorage)] += 1
        }
        let n = Double(referenceSample.count)
        for i in 0..<binCount {
            referenceShareStorage[i] = Double(counts[i]) / n
        }
        referenceCount = referenceSample.count
        isReferenceComplete = true
        dirty = true
    }

    /// Adds a summary: counts per bin of the shipped reference's bins for one interval of one
    /// instance (`binCount` of them). Throws when the reference is not shipped (the scorers
    /// cannot know learned edges) or the counts do not fit its bins.
    public mutating func add(summary counts: [UInt64]) throws(SummaryRejection) {
        guard isReferenceShipped else { throw .noReference }
        guard counts.count == binCount else { throw .bins(expected: binCount, got: counts.count) }
        if summaries == nil { summaries = SummaryWindow(binCount: binCount, capacity: settings.currentWindow) }
        summaries?.add(counts)
        dirty = true
    }

    /// Where the current window comes from: summaries while their window holds values, else records.
    public var source: DriftSource {
        (summaries?.total ?? 0) > 0 ? .summaries : .records
    }

    /// The drift of the current window, or nil while the reference is still being learned or
    /// the current window is empty (`isReferenceComplete` and `currentCount` tell which).
    /// Recomputed only when values were added since the last call; KS sorts a copy of the window.
    public mutating func report() -> DriftReport? {
        guard isReferenceComplete, currentCount > 0 else { return nil }
        if !dirty, let cachedReport { return cachedReport }
        computations += 1
        let result = source == .summaries
            ? DriftReport.computeBinned(
                referenceShares: referenceShareStorage, currentShares: currentShares,
                referenceCount: referenceCount, currentCount: currentCount, settings: settings)
            : recordReport()
        cachedReport = result
        dirty = false
        return result
    }

    /// The report of the window of records; KS sorts a copy of it.
    private func recordReport() -> DriftReport {
        var sortedCurrent: [Double]?
        if hasKSReference {
            // Before the ring wraps, the values are exactly the first `windowFilled` slots. Radix
            // sorted: a report is due every second of store time, for every tracked window.
            var keys = UnsafeBufferPointer(start: window.values, count: windowFilled).map(RadixSort.key)
            var scratch: [UInt64] = []
            RadixSort.sort(&keys, scratch: &scratch)
            sortedCurrent = keys.map(RadixSort.value)
        }
        return DriftReport.compute(
            referenceShares: referenceShareStorage, currentShares: currentShares,
            sortedReference: hasKSReference ? referenceSample : nil, sortedCurrent: sortedCurrent,
            referenceCount: referenceCount, currentCount: windowFilled, settings: settings
        )
    }

    /// Values in the current window (of summaries, when it is their window that counts).
    public var currentCount: Int {
        if let summaries, summaries.total > 0 { return Int(clamping: summaries.total) }
        return windowFilled
    }

    /// Inner bin edges for the UI's histogram; empty until the reference is complete.
    public var edges: [Double] { isReferenceComplete ? edgeStorage : [] }

    /// Reference share per bin (`binCount` values summing to 1); all zero until complete.
    public var referenceShares: [Double] { referenceShareStorage }

    /// Current-window share per bin; all zero while the window is empty.
    public var currentShares: [Double] {
        if let summaries, summaries.total > 0 { return summaries.shares }
        guard windowFilled > 0 else { return [Double](repeating: 0, count: binCount) }
        let m = Double(windowFilled)
        return (0..<binCount).map { Double(window.counts[$0]) / m }
    }

    /// Bytes held by the tracker, fixed from init on: 8 × (reference buffer or sample + 2·B)
    /// + 10 × current window (each value and its bin) + 8·B counts, plus the struct itself.
    /// With the defaults (5,000 + 5,000 values, 10 bins) that is about 90 KB.
    public var approximateBytes: Int {
        let doubles = referenceSample.count + edgeStorage.count + referenceShareStorage.count
        return MemoryLayout<Double>.stride * doubles + window.bytes + (summaries?.bytes ?? 0)
            + MemoryLayout<DistributionTracker>.size
    }
}
