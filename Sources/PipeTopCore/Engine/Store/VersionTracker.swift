/// The live measurements of one model version in one pipeline: latency, drift, quality.
struct VersionTracker: Sendable {
    let key: VersionKey
    var role: Role = .primary
    var scoredCount: UInt64 = 0
    var lastScoredMs: Int64 = Int64.min
    var latency = LatencyHistogram()

    init(key: VersionKey) {
        self.key = key
    }

    var approximateBytes: Int { latency.approximateBytes + 96 }

    mutating func record(_ e: borrowing ScoredEvent) {
        role = e.role
        scoredCount += 1
        if e.tsMs > lastScoredMs { lastScoredMs = e.tsMs }
        if let us = e.latencyUs { latency.record(us, atMs: e.tsMs) }
    }

    func stats(live: Bool) -> VersionStats {
        VersionStats(
            key: key, role: role, scoredCount: scoredCount, lastScoredMs: lastScoredMs,
            latency: latency.percentiles(atMs: lastScoredMs), live: live)
    }
}
