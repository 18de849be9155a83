/// Every topic of a cluster with its rate, retained records and reading groups, measured from
/// two `TopicsSample`s: an immutable value the Topics screen and `pipetop topics` draw from.
public struct TopicsSnapshot: Sendable, Hashable {
    /// Sorted by name.
    public var topics: [TopicStats]
    /// Wall-clock time of the later sample, epoch ms.
    public var measuredAtMs: Int64
    /// Time between the two samples (nil: one sample so far, no rates).
    public var intervalMs: Int64?
    /// Why the last sample failed (the topics are those of the last good one), or why the
    /// groups are missing; nil when all went well.
    public var error: String?
    /// Broker id → `host:port` (empty when the sample did not list them).
    public var brokers: [Int32: String]
    /// Since when the groups' commits are followed (`CommitProgress.track`; nil: not followed).
    public var groupsFollowedSinceMs: Int64?

    public init(topics: [TopicStats], measuredAtMs: Int64, intervalMs: Int64? = nil, error: String? = nil,
                brokers: [Int32: String] = [:], groupsFollowedSinceMs: Int64? = nil) {
        self.topics = topics.sorted { $0.name < $1.name }
        self.measuredAtMs = measuredAtMs
        self.intervalMs = intervalMs
        self.error = error
        self.brokers = brokers
        self.groupsFollowedSinceMs = groupsFollowedSinceMs
    }

    /// How long the groups have yet to be followed before a stall can show, when some groups
    /// commit on these topics and that time has not passed; else nil.
    public func stallsUnjudgedForMs(stalledAfterMs: Int64) -> Int64? {
        guard topics.contains(where: { !$0.groups.isEmpty }) else { return nil }
        return CommitProgress.stallsUnjudgedForMs(followedSinceMs: groupsFollowedSinceMs, atMs: measuredAtMs, stalledAfterMs: stalledAfterMs)
    }

    /// `current` measured against `previous` (nil, or older than `current` by nothing: no rates).
    /// A partition's rate counts only growth of its high watermark, so a topic deleted and
    /// created again between the samples shows no negative rate; partitions new since
    /// `previous` count from the next sample on.
    public init(previous: TopicsSample?, current: TopicsSample) {
        let elapsedMs = previous.map { current.takenAtMs - $0.takenAtMs } ?? 0
        var lags: [String: [TopicGroupLag]] = [:]
        for (group, topics) in current.committed {
            for (topic, offsets) in topics {
                guard let marks = current.watermarks[topic] else { continue }
                var partitions: [PartitionLag] = []
                for mark in marks {
                    guard let committed = offsets[mark.partition], committed >= 0 else { continue }
                    partitions.append(PartitionLag(partition: mark.partition, committed: committed, lag: OffsetArithmetic.ahead(mark.high, of: committed)))
                }
                guard !partitions.isEmpty else { continue }
                let lag = OffsetArithmetic.sum(partitions.lazy.map(\.lag))
                lags[topic, default: []].append(TopicGroupLag(group: group, lag: lag, partitions: partitions))
            }
        }
        let topics = current.watermarks.map { name, marks in
            // A partition's growth since the earlier sample; nil without one (or without it there).
            let earlier = elapsedMs > 0 ? previous?.watermarks[name].map { Dictionary($0.map { ($0.partition, $0.high) }, uniquingKeysWith: max) } : nil
            let placements = current.placements[name]
            var grownSum: Int64 = 0
            let partitions = marks.map { m in
                let grown = earlier.flatMap { $0[m.partition] }.map { OffsetArithmetic.ahead(m.high, of: $0) }
                grownSum = OffsetArithmetic.sum([grownSum, grown ?? 0])
                return PartitionStats(m, messagesPerSecond: grown.map { Double($0) * 1_000 / Double(elapsedMs) },
                                      placement: placements?[m.partition])
            }
            return TopicStats(name: name, partitions: marks.count,
                              messagesPerSecond: earlier.map { _ in Double(grownSum) * 1_000 / Double(elapsedMs) },
                              retained: OffsetArithmetic.sum(marks.lazy.map(\.retained)),
                              groups: (lags[name] ?? []).sorted { $0.group < $1.group }, partitionStats: partitions,
                              settings: current.settings[name], settingsError: current.settingsErrors[name])
        }
        self.init(topics: topics, measuredAtMs: current.takenAtMs, intervalMs: elapsedMs > 0 ? elapsedMs : nil,
                  error: current.groupsError, brokers: current.brokers)
    }

    /// The topics without the internal ones unless `includingInternal`.
    public func visible(includingInternal: Bool) -> [TopicStats] {
        includingInternal ? topics : topics.filter { !$0.isInternal }
    }
}
