/// One topic as the Topics screen and `pipetop topics` show it.
public struct TopicStats: Sendable, Hashable {
    public var name: String
    public var partitions: Int
    /// Records appended per second between the two samples (high-watermark deltas); nil after
    /// a single sample, or for a topic the earlier sample did not have.
    public var messagesPerSecond: Double?
    /// Σ over partitions of high − low watermark.
    public var retained: Int64
    /// Groups with committed offsets on the topic, by name.
    public var groups: [TopicGroupLag]
    /// Each partition's offsets, rate and placement, by partition.
    public var partitionStats: [PartitionStats]
    /// Its configuration, read only for a topic being described (nil: not read).
    public var settings: [TopicSetting]?
    /// Why its configuration could not be read.
    public var settingsError: String?

    public init(name: String, partitions: Int, messagesPerSecond: Double?, retained: Int64, groups: [TopicGroupLag] = [],
                partitionStats: [PartitionStats] = [], settings: [TopicSetting]? = nil, settingsError: String? = nil) {
        self.name = name
        self.partitions = partitions
        self.messagesPerSecond = messagesPerSecond
        self.retained = retained
        self.groups = groups
        self.partitionStats = partitionStats
        self.settings = settings
        self.settingsError = settingsError
    }

    /// Partitions with fewer replicas in sync than assigned.
    public var underReplicated: Int { partitionStats.count { $0.placement?.isUnderReplicated == true } }

    /// Partitions without a leader.
    public var offline: Int { partitionStats.count { $0.placement.map { !$0.hasLeader } == true } }

    /// `min.insync.replicas`, when the settings were read.
    public var minInSync: Int? { settings?.first { $0.name == "min.insync.replicas" }?.value.flatMap { Int($0) } }

    /// Whether `p` has a leader but fewer replicas in sync than `min.insync.replicas`: its
    /// leader refuses writes with acks=all (NOT_ENOUGH_REPLICAS), which producers that do
    /// not lose data use.
    public func refusesAcksAll(_ p: PartitionStats) -> Bool {
        guard let placement = p.placement, let minInSync else { return false }
        return placement.refusesAcksAll(minInSync: minInSync)
    }

    /// Whether a group reading it has been behind on a partition without progress for
    /// `stalledAfterMs` or longer.
    public func hasStalledGroup(afterMs stalledAfterMs: Int64) -> Bool {
        groups.contains { g in g.partitions.contains { $0.isStalled(afterMs: stalledAfterMs) } }
    }

    /// `scorers (lag 1,204, stalled 2m05s), audit (lag 0)`, or `-`: the Topics screen's and
    /// `pipetop topics`' GROUPS. Stalled groups come first, then those with something to say,
    /// then the others, each by name, so a narrow column still shows the trouble.
    public func groupsText(stalledAfterMs: Int64) -> String {
        let said = groups.map { g in (group: g, progress: g.progress(stalledAfterMs: stalledAfterMs)) }
        func rank(_ g: TopicGroupLag, _ progress: String?) -> Int {
            !g.stalled(afterMs: stalledAfterMs).isEmpty ? 0 : progress != nil ? 1 : 2
        }
        return groups.isEmpty ? "-" : said.sorted { (rank($0.group, $0.progress), $0.group.group) < (rank($1.group, $1.progress), $1.group.group) }
            .map { "\($0.group.group) (lag \(Format.count($0.group.lag))" + ($0.progress.map { ", " + $0 } ?? "") + ")" }
            .joined(separator: ", ")
    }

    /// Broker-internal by convention: `__consumer_offsets`, `_schemas`, `__transaction_state`.
    public var isInternal: Bool { name.hasPrefix("_") }
}
