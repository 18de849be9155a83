/// Latency percentiles in microseconds, over the recent window they were computed from.
public struct LatencyPercentiles: Sendable, Hashable {
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var p999: Double
    /// Observations behind the numbers.
    public var count: UInt64

    public init(p50: Double, p90: Double, p99: Double, p999: Double, count: UInt64) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.count = count
    }

    /// The four percentiles the screens show, from a quantile function.
    static func from(count: UInt64, quantile: (Double) -> Double) -> LatencyPercentiles? {
        guard count > 0 else { return nil }
        return LatencyPercentiles(
            p50: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99), p999: quantile(0.999), count: count)
    }
}
