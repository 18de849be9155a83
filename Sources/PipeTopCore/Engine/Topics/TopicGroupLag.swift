/// A consumer group reading a topic, and how far behind it is there.
public struct TopicGroupLag: Sendable, Hashable {
    public var group: String
    /// Σ over the partitions it committed an offset for of high watermark − committed offset.
    public var lag: Int64
    /// The same per partition, by partition: the one partition a stuck consumer holds back
    /// shows here while the sum only grows.
    public var partitions: [PartitionLag]

    public init(group: String, lag: Int64, partitions: [PartitionLag] = []) {
        self.group = group
        self.lag = lag
        self.partitions = partitions
    }
}
