/// Per-second totals of a pipeline's counters over a bounded span of event time.
///
/// Counter deltas arrive once per metrics message, covering the time since that
/// instance's previous message; they are spread evenly over that interval so a
/// 1 s rate stays meaningful whatever interval instances report at. Slots are
/// tagged with their absolute second, so stale slots read as zero without a sweep.
public struct RateHistory: Sendable, Hashable {
    public let capacitySeconds: Int
    private var tags: [Int64]
    private var values: [Double]  // capacity × series, series-major per slot
    private static let seriesCount = RateSeries.allCases.count

    public init(capacitySeconds: Int) {
        self.capacitySeconds = max(2, capacitySeconds)
        tags = Array(repeating: Int64.min, count: self.capacitySeconds)
        values = Array(repeating: 0, count: self.capacitySeconds * Self.seriesCount)
    }

    /// Memory held, for the store's accounting.
    public var approximateBytes: Int { tags.count * 8 + values.count * 8 + 32 }

    /// Adds `amount` of `series` at the second containing `tsMs`.
    public mutating func add(_ series: RateSeries, amount: Double, atMs tsMs: Int64) {
        let second = Self.second(of: tsMs)
        guard let slot = prepare(second) else { return }
        values[slot * Self.seriesCount + series.rawValue] += amount
    }

    /// Adds every second `other` holds to this history (the two counted different things of
    /// the same span: a sharded store's sources).
    public mutating func merge(_ other: RateHistory) {
        for (slot, second) in other.tags.enumerated() where second != Int64.min {
            guard let mine = prepare(second) else { continue }
            for s in 0..<Self.seriesCount {
                values[mine * Self.seriesCount + s] += other.values[slot * Self.seriesCount + s]
            }
        }
    }

    /// Adds `amount` of `series` spread evenly over the event-time interval (fromMs, toMs].
    public mutating func add(_ series: RateSeries, amount: Double, fromMs: Int64, toMs: Int64) {
        guard toMs > fromMs, amount > 0 else {
            if amount > 0 { add(series, amount: amount, atMs: toMs) }
            return
        }
        let span = Double(toMs - fromMs)
        // Only the part that falls inside the kept history matters.
        let earliest = max(fromMs, toMs - Int64(capacitySeconds) * 1000)
        var start = earliest
        while start < toMs {
            let second = Self.second(of: start)
            let end = min(toMs, (second + 1) * 1000)
            let share = amount * Double(end - start) / span
            if let slot = prepare(second) {
                values[slot * Self.seriesCount + series.rawValue] += share
            }
            start = end
        }
    }

    /// Mean per-second rate of `series` over the `seconds` complete seconds before `endSecond`.
    public func rate(_ series: RateSeries, overSeconds seconds: Int, endingBefore endSecond: Int64) -> Double {
        let n = min(max(1, seconds), capacitySeconds)
        // Walks the slots back from the last second (a fleet's snapshot sums tens of
        // thousands of them), one division for the whole walk.
        var total = 0.0
        var second = endSecond - 1
        var slot = Self.slot(second, capacitySeconds)
        let offset = series.rawValue
        tags.withUnsafeBufferPointer { tags in
            values.withUnsafeBufferPointer { values in
                for _ in 0..<n {
                    if tags[slot] == second { total += values[slot * Self.seriesCount + offset] }
                    second -= 1
                    slot = slot == 0 ? capacitySeconds - 1 : slot - 1
                }
            }
        }
        return total / Double(n)
    }

    /// The per-second values of `series` for the `count` seconds before `endSecond`, oldest first.
    public func series(_ series: RateSeries, count: Int, endingBefore endSecond: Int64) -> [Double] {
        let n = min(max(0, count), capacitySeconds)
        var out = [Double]()
        out.reserveCapacity(n)
        for second in (endSecond - Int64(n))..<endSecond {
            out.append(value(series, at: second))
        }
        return out
    }

    /// The total of `series` recorded in `second`, zero when that second is not held.
    public func value(_ series: RateSeries, at second: Int64) -> Double {
        let slot = Self.slot(second, capacitySeconds)
        guard tags[slot] == second else { return 0 }
        return values[slot * Self.seriesCount + series.rawValue]
    }

    /// The second (floor) that contains `tsMs`.
    public static func second(of tsMs: Int64) -> Int64 {
        tsMs >= 0 ? tsMs / 1000 : (tsMs - 999) / 1000
    }

    private static func slot(_ second: Int64, _ capacity: Int) -> Int {
        let r = Int(second % Int64(capacity))
        return r < 0 ? r + capacity : r
    }

    /// The slot for `second`, cleared if it held an older second; nil when the slot
    /// already holds a newer second (data older than the history is dropped).
    private mutating func prepare(_ second: Int64) -> Int? {
        let slot = Self.slot(second, capacitySeconds)
        if tags[slot] != second {
            if tags[slot] > second { return nil }
            tags[slot] = second
            for s in 0..<Self.seriesCount { values[slot * Self.seriesCount + s] = 0 }
        }
        return slot
    }
}
