/// A consumer group seen from its side: every topic it committed offsets on, with its lag
/// there (`pipetop groups`, kafkactl's `get consumer-groups` with lag).
public struct ConsumerGroupLag: Sendable, Hashable {
    public struct TopicLag: Sendable, Hashable {
        public var topic: String
        /// Σ over the partitions it committed on.
        public var lag: Int64
        /// By partition.
        public var partitions: [PartitionLag]
        /// Over the last minute, when tracked that long.
        public var rates: CommitProgress.Rates?

        /// As `TopicGroupLag.progress`.
        public func progress(stalledAfterMs: Int64) -> String? {
            TopicGroupLag.progress(lag: lag, partitions: partitions, rates: rates, stalledAfterMs: stalledAfterMs)
        }
    }

    public var group: String
    /// Σ over its topics.
    public var lag: Int64
    /// By topic name.
    public var topics: [TopicLag]

    /// Whether it has been behind on some partition without progress for `afterMs` or longer.
    public func isStalled(afterMs: Int64) -> Bool {
        topics.contains { t in t.partitions.contains { $0.isStalled(afterMs: afterMs) } }
    }
}

extension TopicsSnapshot {
    /// Every group with committed offsets on a topic the cluster has, by name.
    public var groups: [ConsumerGroupLag] {
        var byGroup: [String: [ConsumerGroupLag.TopicLag]] = [:]
        for t in topics {
            for g in t.groups {
                byGroup[g.group, default: []].append(ConsumerGroupLag.TopicLag(topic: t.name, lag: g.lag, partitions: g.partitions, rates: g.rates))
            }
        }
        return byGroup.keys.sorted().map { name in
            let lags = (byGroup[name] ?? []).sorted { $0.topic < $1.topic }
            return ConsumerGroupLag(group: name, lag: OffsetArithmetic.sum(lags.lazy.map(\.lag)), topics: lags)
        }
    }
}
