/// A consumer group's lag as measured on the cluster (`[kafka] lag_groups`): per partition,
/// the group's committed offset against the partition's high watermark. When a pipeline has
/// one, it replaces the lag the pipeline's instances report in `metrics`.
public struct GroupLag: Sendable, Hashable {
    /// One partition the group committed an offset for.
    public struct Partition: Sendable, Hashable {
        public var topic: String
        public var partition: Int32
        public var committed: Int64
        /// The high watermark (the offset the next record will get).
        public var high: Int64

        public init(topic: String, partition: Int32, committed: Int64, high: Int64) {
            self.topic = topic
            self.partition = partition
            self.committed = committed
            self.high = high
        }

        /// Records produced and not yet consumed (never negative: a watermark can be older
        /// than the commit it is compared with).
        public var lag: Int64 { max(0, high - committed) }
    }

    public var group: String
    /// Sorted by topic, then partition.
    public var partitions: [Partition]
    /// Wall-clock time of the measurement, epoch ms.
    public var measuredAtMs: Int64

    public init(group: String, partitions: [Partition], measuredAtMs: Int64) {
        self.group = group
        self.partitions = partitions.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        self.measuredAtMs = measuredAtMs
    }

    /// The sum over every partition.
    public var total: Int64 { partitions.reduce(0) { $0 + $1.lag } }
}
