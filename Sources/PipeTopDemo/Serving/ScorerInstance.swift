/// One scorer process of a pipeline: what its `metrics` events report. Counters are
/// monotonic until the instance restarts (a fault the demo can inject), when they start
/// again from zero, as a restarted process's would.
public struct ScorerInstance: Sendable, Hashable {
    /// Upper bounds of the latency buckets, in microseconds (the last one catches everything).
    public static let bucketBoundsUs: [Double] = [250, 500, 750, 1_000, 1_500, 2_500, 5_000, 10_000, 25_000, 1e9]

    public let name: String
    public private(set) var recordsIn: UInt64 = 0
    public private(set) var recordsOut: UInt64 = 0
    public private(set) var errors: UInt64 = 0
    /// Records per latency bucket (not cumulative; see `cumulativeCounts`).
    private var bucketCounts: [UInt64]
    /// Records waiting for this instance (reported as `lag`).
    public var backlog: Int64 = 0
    /// Event time until which the instance is stalled: it takes no records and reports nothing.
    public var stalledUntilMs: Int64?
    public private(set) var restarts = 0

    public init(name: String) {
        self.name = name
        bucketCounts = [UInt64](repeating: 0, count: Self.bucketBoundsUs.count)
    }

    public func isStalled(atMs now: Int64) -> Bool {
        stalledUntilMs.map { now < $0 } ?? false
    }

    /// Counts one record answered in `latencyUs`.
    public mutating func served(latencyUs: Double) {
        recordsIn &+= 1
        recordsOut &+= 1
        var k = 0
        let bounds = Self.bucketBoundsUs
        while k < bounds.count - 1 && latencyUs > bounds[k] { k += 1 }
        bucketCounts[k] &+= 1
    }

    /// Cumulative count per bucket, as `metrics` reports them (Prometheus style: bucket k
    /// counts the latencies ≤ bound k).
    public var cumulativeCounts: [UInt64] {
        var total: UInt64 = 0
        return bucketCounts.map { total &+= $0; return total }
    }

    /// Counts one record the instance took but failed to answer.
    public mutating func failed() {
        recordsIn &+= 1
        errors &+= 1
    }

    /// The process restarted: every counter starts again from zero.
    public mutating func restart() {
        recordsIn = 0
        recordsOut = 0
        errors = 0
        for k in bucketCounts.indices { bucketCounts[k] = 0 }
        restarts += 1
    }
}
