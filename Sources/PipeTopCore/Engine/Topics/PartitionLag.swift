/// How far one consumer group is behind on one partition.
public struct PartitionLag: Sendable, Hashable {
    public var partition: Int32
    /// The offset the group committed: the next record it will read.
    public var committed: Int64
    /// High watermark − committed (never negative).
    public var lag: Int64

    public init(partition: Int32, committed: Int64, lag: Int64) {
        self.partition = partition
        self.committed = committed
        self.lag = lag
    }
}
