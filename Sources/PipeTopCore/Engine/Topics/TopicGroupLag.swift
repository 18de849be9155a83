/// A consumer group reading a topic, and how far behind it is there.
public struct TopicGroupLag: Sendable, Hashable {
    public var group: String
    /// Σ over the partitions it committed an offset for of high watermark − committed offset.
    public var lag: Int64
    /// The same per partition, by partition: the one partition a stuck consumer holds back
    /// shows here while the sum only grows.
    public var partitions: [PartitionLag]
    /// How fast it consumes the topic and its lag grows over the last minute (nil: not
    /// tracked long enough).
    public var rates: CommitProgress.Rates?

    public init(group: String, lag: Int64, partitions: [PartitionLag] = [], rates: CommitProgress.Rates? = nil) {
        self.group = group
        self.lag = lag
        self.partitions = partitions
        self.rates = rates
    }

    /// The partitions it has been behind on without progress for `afterMs` or longer.
    public func stalled(afterMs: Int64) -> [PartitionLag] { partitions.filter { $0.isStalled(afterMs: afterMs) } }

    /// How it is doing, when there is something to say: `stalled 2m05s` (behind without
    /// progress for `stalledAfterMs` or longer), else its rates' `trend` (`catching up, ~3m`,
    /// `falling behind 120/s`).
    public func progress(stalledAfterMs: Int64) -> String? {
        Self.progress(lag: lag, partitions: partitions, rates: rates, stalledAfterMs: stalledAfterMs)
    }

    static func progress(lag: Int64, partitions: [PartitionLag], rates: CommitProgress.Rates?,
                         stalledAfterMs: Int64) -> String? {
        let stalled = partitions.filter { $0.isStalled(afterMs: stalledAfterMs) }
        if let longest = stalled.compactMap(\.behindForMs).max() {
            let more = partitions.count > 1 ? " on \(stalled.count) of \(partitions.count) partitions" : ""
            return "stalled \(Format.duration(ms: longest))" + more
        }
        return rates?.trend(lag: lag)
    }
}
