/// The current window of a drift tracker fed by summaries (`metrics.histograms`): counts per
/// bin of the newest reports, as many whole reports as it takes to hold `capacity` values.
///
/// A report cannot be split (nobody knows which of its values came first), so the window is
/// the shortest run of newest reports that holds at least `capacity` values: the same values
/// the record window would hold whenever reports end where the record window does, and never
/// fewer than it once enough have arrived. At most `slots` reports are kept apart; beyond that
/// the two oldest are merged (nothing is lost, the oldest values just leave together).
struct SummaryWindow: Sendable {
    let binCount: Int
    /// Values the window wants: `current_window`.
    let capacity: Int
    /// Reports kept apart before the oldest are merged: 64, fewer for references of many bins,
    /// so that no window holds more than `maxCounts` counts (128 KB).
    let slots: Int
    static let maxSlots = 64
    static let maxCounts = 16_384

    /// Counts per bin of each report, `binCount` apiece, in a ring of `slots`.
    private var reports: [UInt64]
    private var reportTotals: [UInt64]
    private var oldest = 0
    private(set) var reportCount = 0
    /// Counts per bin over the window, and their sum.
    private(set) var counts: [UInt64]
    private(set) var total: UInt64 = 0

    init(binCount: Int, capacity: Int) {
        self.binCount = binCount
        self.capacity = max(1, capacity)
        slots = min(Self.maxSlots, max(2, Self.maxCounts / max(1, binCount)))
        reports = [UInt64](repeating: 0, count: slots * binCount)
        reportTotals = [UInt64](repeating: 0, count: slots)
        counts = [UInt64](repeating: 0, count: binCount)
    }

    /// Adds one report (`binCount` counts, summing to at most 2^53: the decoder's limit), then
    /// lets the oldest reports go while the rest still hold `capacity` values. A report of no
    /// values changes nothing.
    mutating func add(_ report: [UInt64]) {
        let sum = report.reduce(0, &+)
        guard sum > 0, report.count == binCount else { return }
        if reportCount == slots { mergeOldest() }
        let slot = (oldest + reportCount) % slots
        for i in 0..<binCount {
            reports[slot * binCount + i] = report[i]
            counts[i] += report[i]
        }
        reportTotals[slot] = sum
        total += sum
        reportCount += 1
        while reportCount > 1, total - reportTotals[oldest] >= UInt64(capacity) { evictOldest() }
    }

    /// Current share per bin (`counts / total`, the same division the record window makes).
    var shares: [Double] {
        guard total > 0 else { return [Double](repeating: 0, count: binCount) }
        let m = Double(total)
        return counts.map { Double($0) / m }
    }

    private mutating func evictOldest() {
        for i in 0..<binCount { counts[i] -= reports[oldest * binCount + i] }
        total -= reportTotals[oldest]
        oldest = (oldest + 1) % slots
        reportCount -= 1
    }

    /// Folds the oldest report into the next one, freeing a slot.
    private mutating func mergeOldest() {
        let next = (oldest + 1) % slots
        for i in 0..<binCount { reports[next * binCount + i] += reports[oldest * binCount + i] }
        reportTotals[next] += reportTotals[oldest]
        oldest = next
        reportCount -= 1
    }

    var bytes: Int { 8 * (reports.count + reportTotals.count + counts.count) + 48 }
}
