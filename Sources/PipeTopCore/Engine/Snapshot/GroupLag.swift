/// A consumer group's lag as measured on the cluster (`[kafka] lag_groups`): per partition,
/// the group's committed offset against the partition's high watermark. When a pipeline has
/// one, it replaces the lag the pipeline's instances report in `metrics`.
///
/// A partition whose high watermark could not be read this time keeps the last one read (its
/// `highAtMs` is then older than `measuredAtMs`), and one never read is listed with no end, so
/// a failed read never makes the total silently smaller: `total` is then a lower bound and
/// `unknownEnds` says by how many partitions.
public struct GroupLag: Sendable, Hashable {
    /// One partition the group committed an offset for.
    public struct Partition: Sendable, Hashable {
        public var topic: String
        public var partition: Int32
        public var committed: Int64
        /// The high watermark (the offset the next record will get); nil when it has never
        /// been read.
        public var high: Int64?
        /// When `high` was read, epoch ms.
        public var highAtMs: Int64?
        /// How long the group has been behind here without committing past `committed`
        /// (`CommitProgress`); nil when caught up or not tracked.
        public var behindForMs: Int64?

        public init(topic: String, partition: Int32, committed: Int64, high: Int64?, highAtMs: Int64? = nil,
                    behindForMs: Int64? = nil) {
            self.topic = topic
            self.partition = partition
            self.committed = committed
            self.high = high
            self.highAtMs = high == nil ? nil : highAtMs
            self.behindForMs = behindForMs
        }

        /// Whether the group has been behind here without progress for `afterMs` or longer.
        public func isStalled(afterMs: Int64) -> Bool { PartitionLag.isStalled(behindForMs: behindForMs, lag: lag, afterMs: afterMs) }

        /// Records produced and not yet consumed (never negative: a watermark can be older
        /// than the commit it is compared with); nil when the end is unknown.
        public var lag: Int64? { high.map { OffsetArithmetic.ahead($0, of: committed) } }
    }

    public var group: String
    /// Sorted by topic, then partition.
    public var partitions: [Partition]
    /// Wall-clock time of the measurement, epoch ms.
    public var measuredAtMs: Int64
    /// How fast it consumes and its lag grows over the last minute, over the partitions whose
    /// end is known (`CommitProgress`; nil until tracked for 10 s).
    public var rates: CommitProgress.Rates?
    /// Since when its commits are followed (`CommitProgress.follow`; nil: not followed).
    public var followedSinceMs: Int64?

    /// `partitions`' ends read without a time are taken as read at `measuredAtMs`.
    public init(group: String, partitions: [Partition], measuredAtMs: Int64) {
        self.group = group
        self.partitions = partitions.map { p in
            var p = p
            if p.high != nil, p.highAtMs == nil { p.highAtMs = measuredAtMs }
            return p
        }.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        self.measuredAtMs = measuredAtMs
    }

    /// How long the group has yet to be followed before a stall can show, while it is
    /// behind and that time has not passed; else nil.
    public func stallsUnjudgedForMs(stalledAfterMs: Int64) -> Int64? {
        guard total > 0 else { return nil }
        return CommitProgress.stallsUnjudgedForMs(followedSinceMs: followedSinceMs, atMs: measuredAtMs, stalledAfterMs: stalledAfterMs)
    }

    /// The sum over every partition whose end is known.
    public var total: Int64 { OffsetArithmetic.sum(partitions.lazy.compactMap(\.lag)) }

    /// Partitions whose end has never been read: `total` leaves them out.
    public var unknownEnds: Int { partitions.count { $0.high == nil } }

    /// Whether `partition`'s end is an earlier reading, kept because this one failed.
    public func isStale(_ partition: Partition) -> Bool {
        partition.highAtMs.map { $0 < measuredAtMs } ?? false
    }

    /// The partitions it has been behind on without progress for `afterMs` or longer.
    public func stalled(afterMs: Int64) -> [Partition] {
        partitions.filter { $0.isStalled(afterMs: afterMs) }
    }

    /// The oldest kept end, epoch ms; nil when every end is from this measurement.
    public var oldestStaleEndMs: Int64? {
        partitions.filter(isStale).compactMap(\.highAtMs).min()
    }
}
