/// Per-second totals of a pipeline's counters over a bounded span of event time.
///
/// Counter deltas arrive once per metrics message, covering the time since that
/// instance's previous message; they are spread evenly over that interval so a
/// 1 s rate stays meaningful whatever interval instances report at. Slots are
/// tagged with their absolute second, so stale slots read as zero without a sweep.
///
/// The slots are kept in spans of a minute, each its own copy-on-write storage: a snapshot
/// shares the history, and the next second written copies that second's span, not fifteen
/// minutes of it (a thousand pipelines would otherwise hold their history twice).
public struct RateHistory: Sendable, Hashable {
    public let capacitySeconds: Int
    private var spans: [Span]
    private static let seriesCount = RateSeries.allCases.count
    static let spanSeconds = 60

    private struct Span: Sendable, Hashable {
        var tags = [Int64](repeating: Int64.min, count: RateHistory.spanSeconds)
        /// `spanSeconds` × series, series-major per slot.
        var values = [Double](repeating: 0, count: RateHistory.spanSeconds * RateHistory.seriesCount)
    }

    public init(capacitySeconds: Int) {
        self.capacitySeconds = max(2, capacitySeconds)
        spans = Array(repeating: Span(), count: (self.capacitySeconds + Self.spanSeconds - 1) / Self.spanSeconds)
    }

    /// Memory held, for the store's accounting.
    public var approximateBytes: Int { spans.count * (Self.spanSeconds * (1 + Self.seriesCount) * 8 + 64) + 32 }

    /// Adds `amount` of `series` at the second containing `tsMs`.
    public mutating func add(_ series: RateSeries, amount: Double, atMs tsMs: Int64) {
        let second = Self.second(of: tsMs)
        guard let slot = prepare(second) else { return }
        spans[slot.span].values[slot.offset * Self.seriesCount + series.rawValue] += amount
    }

    /// Adds every second `other` holds to this history (the two counted different things of
    /// the same span: a sharded store's sources).
    public mutating func merge(_ other: RateHistory) {
        for span in other.spans {
            for (offset, second) in span.tags.enumerated() where second != Int64.min {
                guard let mine = prepare(second) else { continue }
                for s in 0..<Self.seriesCount {
                    spans[mine.span].values[mine.offset * Self.seriesCount + s] += span.values[offset * Self.seriesCount + s]
                }
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
                spans[slot.span].values[slot.offset * Self.seriesCount + series.rawValue] += share
            }
            start = end
        }
    }

    /// Mean per-second rate of `series` over the `seconds` complete seconds before `endSecond`.
    public func rate(_ series: RateSeries, overSeconds seconds: Int, endingBefore endSecond: Int64) -> Double {
        var left = min(max(1, seconds), capacitySeconds)
        let n = left
        // Walks back from the last second a span at a time (a fleet's snapshot sums tens of
        // thousands of seconds), with one division for the whole walk.
        var total = 0.0
        var second = endSecond - 1
        var slot = Self.slot(second, capacitySeconds)
        let offset = series.rawValue
        while left > 0 {
            let spanIndex = slot / Self.spanSeconds
            var k = slot % Self.spanSeconds
            let take = min(left, k + 1)
            spans[spanIndex].tags.withUnsafeBufferPointer { tags in
                spans[spanIndex].values.withUnsafeBufferPointer { values in
                    for _ in 0..<take {
                        if tags[k] == second { total += values[k * Self.seriesCount + offset] }
                        second -= 1
                        k -= 1
                    }
                }
            }
            left -= take
            slot = spanIndex == 0 ? capacitySeconds - 1 : spanIndex * Self.spanSeconds - 1
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
        let (span, offset) = (slot / Self.spanSeconds, slot % Self.spanSeconds)
        guard spans[span].tags[offset] == second else { return 0 }
        return spans[span].values[offset * Self.seriesCount + series.rawValue]
    }

    /// The second (floor) that contains `tsMs`.
    public static func second(of tsMs: Int64) -> Int64 {
        tsMs >= 0 ? tsMs / 1000 : (tsMs - 999) / 1000
    }

    private static func slot(_ second: Int64, _ capacity: Int) -> Int {
        let r = Int(second % Int64(capacity))
        return r < 0 ? r + capacity : r
    }

    /// The place of `second`, cleared if it held an older second; nil when it already holds
    /// a newer second (data older than the history is dropped).
    private mutating func prepare(_ second: Int64) -> (span: Int, offset: Int)? {
        let slot = Self.slot(second, capacitySeconds)
        let (span, offset) = (slot / Self.spanSeconds, slot % Self.spanSeconds)
        let tag = spans[span].tags[offset]
        if tag != second {
            if tag > second { return nil }
            spans[span].tags[offset] = second
            for s in 0..<Self.seriesCount { spans[span].values[offset * Self.seriesCount + s] = 0 }
        }
        return (span, offset)
    }
}
