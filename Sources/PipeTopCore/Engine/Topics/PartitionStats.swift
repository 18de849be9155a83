/// One partition of a topic as `pipetop topics NAME` and the Topics screen's `d` describe it.
public struct PartitionStats: Sendable, Hashable {
    /// Its number and watermarks (what it retains).
    public var offsets: PartitionWatermarks
    /// Records appended per second between the two samples; nil after a single sample, or for
    /// a partition the earlier sample did not have.
    public var messagesPerSecond: Double?
    /// Leader and replicas; nil when the metadata did not say (a sample without placements).
    public var placement: PartitionPlacement?

    public init(_ offsets: PartitionWatermarks, messagesPerSecond: Double? = nil, placement: PartitionPlacement? = nil) {
        self.offsets = offsets
        self.messagesPerSecond = messagesPerSecond
        self.placement = placement
    }

    public var partition: Int32 { offsets.partition }
}
