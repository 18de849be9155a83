import PipeTopCore

/// The partition ends (high watermarks) last read for each consumer group's partitions, so that
/// a partition whose end cannot be read in one round (a ListOffsets that timed out, a budget
/// spent) keeps its last end instead of dropping out of the group's total. Holds one round's
/// partitions per group: bounded by what the groups committed.
struct GroupLagBook {
    struct Committed: Hashable {
        var topic: String
        var partition: Int32
        var offset: Int64
    }

    private struct Key: Hashable {
        var topic: String
        var partition: Int32
    }

    private var ends: [String: [Key: (high: Int64, atMs: Int64)]] = [:]
    /// How long each group has been behind on each partition without progress.
    private var progress: CommitProgress

    /// `maxGapMs`: readings of a group further apart than this (its requests failed, the
    /// dashboard was suspended) leave the time between out of how long it was behind.
    init(maxGapMs: Int64? = nil) {
        progress = CommitProgress(maxGapMs: maxGapMs)
    }

    /// The group's lag over `committed` at `nowMs`, each end read with `read` (nil: it could
    /// not be read now, so the last one read is kept, or none); nil when the group committed
    /// nothing (an unknown group).
    mutating func measure(group: String, committed: [Committed], nowMs: Int64,
                          read: (_ topic: String, _ partition: Int32) -> Int64?) -> GroupLag? {
        guard !committed.isEmpty else {
            ends[group] = nil
            progress.forget(notSeenSince: nowMs, group: group)
            return nil
        }
        let before = ends[group] ?? [:]
        var now: [Key: (high: Int64, atMs: Int64)] = [:]
        let partitions = committed.map { c in
            let key = Key(topic: c.topic, partition: c.partition)
            let end = read(c.topic, c.partition).map { (high: $0, atMs: nowMs) } ?? before[key]
            now[key] = end
            var p = GroupLag.Partition(topic: c.topic, partition: c.partition, committed: c.offset,
                                       high: end?.high, highAtMs: end?.atMs)
            p.behindForMs = progress.partition(group: group, topic: c.topic, partition: c.partition, committed: c.offset,
                                               lag: p.lag, atMs: nowMs)
            return p
        }
        ends[group] = now
        var lag = GroupLag(group: group, partitions: partitions, measuredAtMs: nowMs)
        lag.followedSinceMs = progress.follow(group: group, atMs: nowMs)
        let known = partitions.filter { $0.high != nil }
        // Over every topic the group reads at once (a pipeline's group is judged as a whole).
        lag.rates = progress.rates(group: group, topic: "", committed: known.reduce(0) { $0 &+ $1.committed },
                                   high: known.reduce(0) { $0 &+ ($1.high ?? 0) }, partitionCount: known.count, atMs: nowMs)
        progress.forget(notSeenSince: nowMs, group: group)
        return lag
    }
}
