/// How the label join is doing, for the detail screen.
public struct LabelJoinCounters: Sendable, Hashable {
    public var waiting: Int
    public var joined: Int
    public var evicted: Int
    public var expired: Int

    init(_ join: LabelJoin) {
        waiting = join.waiting
        joined = join.joined
        evicted = join.evicted
        expired = join.expired
    }
}
