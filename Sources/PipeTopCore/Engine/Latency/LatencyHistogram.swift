/// A bounded log-linear histogram of latencies in microseconds, over a sliding window.
///
/// Values land in one of 16 sub-buckets per power of two (≤ 6.25 % relative
/// error), like HdrHistogram with one significant digit and a fixed range of
/// 1 µs … 2³⁶ µs (≈ 19 h); larger values are clamped. Two halves of
/// `halfWindowMs` each rotate, so percentiles cover the last one to two halves.
public struct LatencyHistogram: Sendable, Hashable {
    static let subBits = 4
    static let subCount = 1 << subBits
    static let maxExponent = 36
    static let bucketCount = (maxExponent - subBits + 2) * subCount

    public let halfWindowMs: Int64
    private var current: [UInt32]
    private var previous: [UInt32]
    private var currentStartMs: Int64 = Int64.min
    private var currentTotal: UInt64 = 0
    private var previousTotal: UInt64 = 0

    public init(halfWindowMs: Int64 = 30_000) {
        self.halfWindowMs = max(1, halfWindowMs)
        current = Array(repeating: 0, count: Self.bucketCount)
        previous = Array(repeating: 0, count: Self.bucketCount)
    }

    public var approximateBytes: Int { Self.bucketCount * 4 * 2 + 48 }

    /// Records one latency observed at event time `tsMs`; non-finite or negative values are ignored.
    public mutating func record(_ micros: Double, atMs tsMs: Int64) {
        guard micros.isFinite, micros >= 0 else { return }
        rotate(to: tsMs)
        let i = Self.index(of: micros)
        current[i] &+= 1
        currentTotal += 1
    }

    /// Percentiles over the held window, as of event time `nowMs`.
    public func percentiles(atMs nowMs: Int64) -> LatencyPercentiles? {
        let age = nowMs == Int64.min || currentStartMs == Int64.min ? 0 : nowMs - currentStartMs
        // Halves older than the window no longer describe recent latency.
        let useCurrent = age < 2 * halfWindowMs
        let usePrevious = age < halfWindowMs
        let total = (useCurrent ? currentTotal : 0) + (usePrevious ? previousTotal : 0)
        return LatencyPercentiles.from(count: total) { q in
            let rank = max(1, (q * Double(total)).rounded(.up))
            var cumulative = 0.0
            for i in 0..<Self.bucketCount {
                cumulative += Double((useCurrent ? current[i] : 0) + (usePrevious ? previous[i] : 0))
                if cumulative >= rank { return Self.midpoint(of: i) }
            }
            return Self.midpoint(of: Self.bucketCount - 1)
        }
    }

    /// Bucket of a value: exact below 16 µs, then 16 sub-buckets per octave.
    static func index(of micros: Double) -> Int {
        let v = UInt64(min(micros, Double(UInt64(1) << UInt64(maxExponent + 1)) - 1))
        if v < UInt64(subCount) { return Int(v) }
        let exponent = 63 - v.leadingZeroBitCount  // ≥ subBits
        let sub = Int((v >> UInt64(exponent - subBits)) & UInt64(subCount - 1))
        return (exponent - subBits + 1) * subCount + sub
    }

    /// Lower bound of bucket `i` in µs.
    static func lowerBound(of i: Int) -> Double {
        if i < subCount { return Double(i) }
        let exponent = i / subCount + subBits - 1
        let sub = i % subCount
        return Double((UInt64(subCount) + UInt64(sub)) << UInt64(exponent - subBits))
    }

    static func midpoint(of i: Int) -> Double {
        if i < subCount { return Double(i) }
        let lower = lowerBound(of: i)
        let width = Double(UInt64(1) << UInt64(i / subCount - 1))
        return lower + width / 2
    }

    private mutating func rotate(to tsMs: Int64) {
        if currentStartMs == Int64.min {
            currentStartMs = tsMs
            return
        }
        guard tsMs - currentStartMs >= halfWindowMs else { return }
        if tsMs - currentStartMs >= 2 * halfWindowMs {
            for i in 0..<Self.bucketCount { previous[i] = 0 }
            previousTotal = 0
        } else {
            swap(&previous, &current)
            previousTotal = currentTotal
        }
        for i in 0..<Self.bucketCount { current[i] = 0 }
        currentTotal = 0
        currentStartMs = tsMs - (tsMs - currentStartMs) % halfWindowMs
    }
}
