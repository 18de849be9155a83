/// One partition of a topic as `pipetop topics NAME` and the Topics screen's `d` describe it.
public struct PartitionStats: Sendable, Hashable {
    public var partition: Int32
    public var low: Int64
    public var high: Int64
    /// Records appended per second between the two samples; nil after a single sample, or for
    /// a partition the earlier sample did not have.
    public var messagesPerSecond: Double?
    /// Leader and replicas; nil when the metadata did not say (a sample without placements).
    public var placement: PartitionPlacement?

    public init(partition: Int32, low: Int64, high: Int64, messagesPerSecond: Double? = nil, placement: PartitionPlacement? = nil) {
        self.partition = partition
        self.low = low
        self.high = high
        self.messagesPerSecond = messagesPerSecond
        self.placement = placement
    }

    /// Records the partition holds now (never negative).
    public var retained: Int64 { max(0, high - low) }
}
