/// How far one consumer group is behind on one partition.
public struct PartitionLag: Sendable, Hashable {
    public var partition: Int32
    /// The offset the group committed: the next record it will read.
    public var committed: Int64
    /// High watermark − committed (never negative).
    public var lag: Int64
    /// How long the group has been behind here without committing past `committed`, as far
    /// as the readings so far show (`CommitProgress`); nil when caught up or not tracked.
    public var behindForMs: Int64?

    public init(partition: Int32, committed: Int64, lag: Int64, behindForMs: Int64? = nil) {
        self.partition = partition
        self.committed = committed
        self.lag = lag
        self.behindForMs = behindForMs
    }

    /// Whether the group has been behind here without progress for `afterMs` or longer.
    public func isStalled(afterMs: Int64) -> Bool { Self.isStalled(behindForMs: behindForMs, lag: lag, afterMs: afterMs) }

    /// The same for any partition of a group: behind (`lag` > 0) for `afterMs` or longer.
    static func isStalled(behindForMs: Int64?, lag: Int64?, afterMs: Int64) -> Bool {
        (behindForMs ?? -1) >= afterMs && (lag ?? 0) > 0
    }
}
