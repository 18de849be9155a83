/// One partition's offsets as the cluster reports them: the oldest retained record and the
/// offset the next record will get.
public struct PartitionWatermarks: Sendable, Hashable {
    public var partition: Int32
    /// The low watermark (log start offset).
    public var low: Int64
    /// The high watermark (log end offset).
    public var high: Int64

    public init(partition: Int32, low: Int64, high: Int64) {
        self.partition = partition
        self.low = low
        self.high = high
    }

    /// Records the partition holds now (never negative).
    public var retained: Int64 { OffsetArithmetic.ahead(high, of: low) }
}
