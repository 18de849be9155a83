/// A pipeline's latency distribution merged from its instances' cumulative
/// Prometheus-style buckets, over the last `windowSeconds` of event time.
///
/// Each metrics report contributes the per-bucket increase since that instance's
/// previous report; the increases are kept per second in a ring, so percentiles
/// describe recent latency, not the whole life of the instances.
public struct BucketLatencyWindow: Sendable, Hashable {
    public let windowSeconds: Int
    /// Upper bounds (µs) of the finite buckets; the last slot of each count row is `+Inf`.
    public private(set) var bounds: [Double] = []
    private var tags: [Int64]
    private var counts: [UInt64] = []  // windowSeconds × (bounds.count + 1)
    /// Reports whose bucket layout differs from the pipeline's and were left out.
    public private(set) var layoutMismatches = 0

    public init(windowSeconds: Int = 60) {
        self.windowSeconds = max(1, windowSeconds)
        tags = Array(repeating: Int64.min, count: self.windowSeconds)
    }

    /// Fixed once the first layout is known: window × buckets counters.
    public var approximateBytes: Int { tags.count * 8 + counts.count * 8 + bounds.count * 8 + 48 }

    /// Upper limit on buckets accepted, so a hostile message cannot blow the memory bound.
    public static let maxBuckets = 64

    /// Per-bucket increases between two cumulative reports of one instance, or the
    /// new counts themselves after a restart (any bucket went down).
    public static func increase(from old: [UInt64], to new: [UInt64]) -> [UInt64] {
        guard old.count == new.count else { return new }
        for i in new.indices where new[i] < old[i] { return new }
        return zip(new, old).map { $0 - $1 }
    }

    /// Adds one report's per-bucket increases (cumulative form) at `tsMs`.
    /// `cumulative` has `bounds.count` or `bounds.count + 1` entries.
    public mutating func add(le: [Double], cumulativeIncrease: [UInt64], atMs tsMs: Int64) {
        guard !le.isEmpty, le.count <= Self.maxBuckets else { return }
        if bounds.isEmpty {
            bounds = le
            counts = Array(repeating: 0, count: windowSeconds * (le.count + 1))
        }
        guard le == bounds else {
            layoutMismatches += 1
            return
        }
        let second = RateHistory.second(of: tsMs)
        let width = bounds.count + 1
        let slot = Int(((second % Int64(windowSeconds)) + Int64(windowSeconds)) % Int64(windowSeconds))
        if tags[slot] != second {
            if tags[slot] > second { return }
            tags[slot] = second
            for i in 0..<width { counts[slot * width + i] = 0 }
        }
        // Convert cumulative increases into per-bucket increases.
        var previous: UInt64 = 0
        for i in 0..<min(width, cumulativeIncrease.count) {
            let c = cumulativeIncrease[i]
            let own = c >= previous ? c - previous : 0
            counts[slot * width + i] &+= own
            previous = max(previous, c)
        }
    }

    /// The p99 of each of the last `count` seconds up to `endSecond` (oldest first; 0 for a
    /// second without observations), for the latency chart.
    public func p99Series(endingAt endSecond: Int64, count: Int) -> [Double] {
        guard !bounds.isEmpty else { return [] }
        let width = bounds.count + 1
        return (0..<min(count, windowSeconds)).reversed().map { back in
            let second = endSecond - Int64(back)
            let slot = Int(((second % Int64(windowSeconds)) + Int64(windowSeconds)) % Int64(windowSeconds))
            guard tags[slot] == second else { return 0 }
            let row = Array(counts[(slot * width)..<(slot * width + width)])
            return Self.quantile(0.99, of: row, bounds: bounds) ?? 0
        }
    }

    /// Linear interpolation inside the bucket holding rank q·total (Prometheus' way).
    static func quantile(_ q: Double, of perBucket: [UInt64], bounds: [Double]) -> Double? {
        let total = perBucket.reduce(0, &+)
        guard total > 0 else { return nil }
        let rank = q * Double(total)
        var cumulative = 0.0
        for i in perBucket.indices {
            let c = Double(perBucket[i])
            if cumulative + c >= rank && c > 0 {
                guard i < bounds.count else { return bounds[bounds.count - 1] }
                let lower = i == 0 ? 0 : bounds[i - 1]
                return lower + (bounds[i] - lower) * (rank - cumulative) / c
            }
            cumulative += c
        }
        return bounds[bounds.count - 1]
    }

    /// Percentiles over the seconds in [endSecond − window, endSecond], interpolated
    /// linearly inside a bucket as Prometheus' `histogram_quantile` does.
    public func percentiles(endingAt endSecond: Int64) -> LatencyPercentiles? {
        guard !bounds.isEmpty else { return nil }
        let width = bounds.count + 1
        var merged = [UInt64](repeating: 0, count: width)
        for slot in 0..<windowSeconds where tags[slot] > endSecond - Int64(windowSeconds) && tags[slot] <= endSecond {
            for i in 0..<width { merged[i] &+= counts[slot * width + i] }
        }
        let total = merged.reduce(0, &+)
        return LatencyPercentiles.from(count: total) { q in Self.quantile(q, of: merged, bounds: bounds) ?? 0 }
    }
}
