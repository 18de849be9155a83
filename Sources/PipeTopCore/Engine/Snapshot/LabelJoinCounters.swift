/// How the label join is doing, for the detail screen.
public struct LabelJoinCounters: Sendable, Hashable {
    public var waiting = 0
    public var joined = 0
    public var evicted = 0
    public var expired = 0

    /// Nothing joined yet.
    init() {}

    init(_ join: LabelJoin) {
        waiting = join.waiting
        joined = join.joined
        evicted = join.evicted
        expired = join.expired
    }

    /// Adds another shard's counters.
    mutating func add(_ other: LabelJoinCounters) {
        waiting += other.waiting
        joined += other.joined
        evicted += other.evicted
        expired += other.expired
    }
}
