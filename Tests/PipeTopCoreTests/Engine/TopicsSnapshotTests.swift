import Testing
@testable import PipeTopCore

/// Two samples of a cluster's watermarks and committed offsets make the Topics screen's numbers.
@Suite struct TopicsSnapshotTests {
    static func marks(_ pairs: [(low: Int64, high: Int64)]) -> [PartitionWatermarks] {
        pairs.enumerated().map { PartitionWatermarks(partition: Int32($0.offset), low: $0.element.low, high: $0.element.high) }
    }

    @Test func rateIsHighWatermarkGrowthOverTheTimeBetweenSamples() throws {
        let before = TopicsSample(takenAtMs: 10_000, watermarks: ["payments": Self.marks([(0, 100), (0, 50)])])
        let after = TopicsSample(takenAtMs: 12_500, watermarks: ["payments": Self.marks([(20, 400), (0, 250)])])
        let t = try #require(TopicsSnapshot(previous: before, current: after).topics.first)
        #expect(t.messagesPerSecond == 200, "(300 + 200) records in 2.5 s")
        #expect(t.retained == 380 + 250, "high − low, summed: deleted records do not count")
        #expect(t.partitions == 2)
    }

    @Test func oneSampleHasNoRateAndNewTopicsOrPartitionsWaitForTheNext() throws {
        let first = TopicsSample(takenAtMs: 0, watermarks: ["a": Self.marks([(0, 10)])])
        #expect(TopicsSnapshot(previous: nil, current: first).topics.first?.messagesPerSecond == nil)
        #expect(TopicsSnapshot(previous: nil, current: first).intervalMs == nil)
        let second = TopicsSample(takenAtMs: 1_000, watermarks: ["a": Self.marks([(0, 20), (0, 500)]), "b": Self.marks([(0, 7)])])
        let s = TopicsSnapshot(previous: first, current: second)
        #expect(s.topics.map(\.name) == ["a", "b"])
        #expect(s.topics[0].messagesPerSecond == 10, "the partition added since counts from the next sample on")
        #expect(s.topics[1].messagesPerSecond == nil)
    }

    @Test func aTopicRecreatedBetweenSamplesShowsNoNegativeRate() {
        let before = TopicsSample(takenAtMs: 0, watermarks: ["a": Self.marks([(0, 1_000)])])
        let after = TopicsSample(takenAtMs: 1_000, watermarks: ["a": Self.marks([(0, 3)])])
        #expect(TopicsSnapshot(previous: before, current: after).topics.first?.messagesPerSecond == 0)
    }

    @Test func groupLagIsHighMinusCommittedSummedOverTheGroupsPartitions() throws {
        let sample = TopicsSample(
            takenAtMs: 0, watermarks: ["payments": Self.marks([(0, 100), (0, 60), (0, 30)]), "other": Self.marks([(0, 5)])],
            committed: ["scorers": ["payments": [0: 90, 1: 10]], "audit": ["payments": [2: 30], "gone": [0: 1]]])
        let s = TopicsSnapshot(previous: nil, current: sample)
        let payments = try #require(s.topics.first { $0.name == "payments" })
        #expect(payments.groups.map { [$0.group: $0.lag] } == [["audit": 0], ["scorers": 10 + 50]])
        #expect(s.topics.first { $0.name == "other" }?.groups == [])
        #expect(!s.topics.contains { $0.name == "gone" }, "a committed offset on a topic that no longer exists is no topic")
    }

    @Test func eachPartitionHasItsOwnRatePlacementAndEachGroupItsLagPerPartition() throws {
        let placements: [Int32: PartitionPlacement] = [
            0: PartitionPlacement(leader: 1, replicas: [1, 2, 3], inSync: [1, 2, 3]),
            1: PartitionPlacement(leader: 2, replicas: [2, 3, 1], inSync: [2]),
            2: PartitionPlacement(leader: -1, replicas: [3, 1, 2], inSync: []),
        ]
        let before = TopicsSample(takenAtMs: 0, watermarks: ["payments": Self.marks([(0, 100), (0, 60)])])
        let after = TopicsSample(
            takenAtMs: 2_000, watermarks: ["payments": Self.marks([(10, 300), (0, 60), (0, 30)])],
            committed: ["scorers": ["payments": [0: 300, 1: 20]]], placements: ["payments": placements],
            brokers: [1: "k1:9092", 2: "k2:9092", 3: "k3:9092"])
        let s = TopicsSnapshot(previous: before, current: after)
        let t = try #require(s.topics.first)
        #expect(t.partitionStats.map(\.messagesPerSecond) == [100, 0, nil], "the third partition is new since the first sample")
        #expect(t.partitionStats.map(\.offsets.retained) == [290, 60, 30])
        #expect(t.partitionStats.map(\.placement) == [placements[0], placements[1], placements[2]])
        #expect(t.messagesPerSecond == 100)
        #expect(t.underReplicated == 2 && t.offline == 1)
        #expect(t.groups == [TopicGroupLag(group: "scorers", lag: 40, partitions: [
            PartitionLag(partition: 0, committed: 300, lag: 0), PartitionLag(partition: 1, committed: 20, lag: 40),
        ])])
        #expect(s.brokers[2] == "k2:9092")
    }

    @Test func aDescriptionFlagsPartitionsWithoutLeaderOrOutOfSyncAndUncommittedOnes() throws {
        let t = TopicStats(
            name: "payments", partitions: 3, messagesPerSecond: 212.5, retained: 1_204_332,
            groups: [TopicGroupLag(group: "scorers", lag: 1_204, partitions: [PartitionLag(partition: 0, committed: 600_000, lag: 1_204)])],
            partitionStats: [
                PartitionStats(PartitionWatermarks(partition: 0, low: 0, high: 601_204), messagesPerSecond: 100,
                               placement: PartitionPlacement(leader: 1, replicas: [1, 2], inSync: [1, 2])),
                PartitionStats(PartitionWatermarks(partition: 1, low: 0, high: 600_000), messagesPerSecond: 112.5,
                               placement: PartitionPlacement(leader: 2, replicas: [2, 1], inSync: [2])),
                PartitionStats(PartitionWatermarks(partition: 2, low: 3_128, high: 3_128), placement: PartitionPlacement(leader: -1, replicas: [3], inSync: [])),
            ])
        let lines = TopicDescription.lines(t, brokers: [1: "k1:9092", 2: "k2:9092"], stalledAfterMs: 60_000)
        #expect(lines[0] == "3 partitions · 212 msg/s · 1,204,332 retained")
        #expect(lines[1...2] == ["1 partition without a leader", "2 partitions under-replicated"])
        #expect(lines.contains("PARTITION  LEADER  REPLICAS  IN SYNC    LOW     HIGH  MSG/S"), "\(lines)")
        #expect(lines.contains("        0       1  1,2       1,2          0  601,204    100"), "\(lines)")
        #expect(lines.contains("        1       2  2,1       2            0  600,000    112  under-replicated"), "\(lines)")
        #expect(lines.contains("        2       -  3         -        3,128    3,128      -  no leader"), "\(lines)")
        #expect(lines.contains("scorers          0    600,000  1,204"), "\(lines)")
        #expect(lines.contains("scorers          2          -      -"), "a partition the group never committed on: \(lines)")
        #expect(lines.contains("     3  not in the metadata"), "\(lines)")
        let bare = TopicDescription.lines(TopicStats(name: "a", partitions: 1, messagesPerSecond: nil, retained: 0), brokers: [:], stalledAfterMs: 60_000)
        #expect(bare.prefix(2) == ["1 partition · - msg/s · 0 retained", ""], "nothing wrong, nothing said")
        #expect(bare.contains("No consumer group has committed offsets on it."))
    }

    @Test func aDescriptionShowsTheEssentialSettingsThenTheOthersSetOnTheTopic() {
        var t = TopicStats(name: "models", partitions: 1, messagesPerSecond: 0, retained: 3)
        t.settings = [
            TopicSetting(name: "segment.ms", value: "3600000", isOverride: true),
            TopicSetting(name: "retention.ms", value: "604800000", isOverride: true),
            TopicSetting(name: "compression.type", value: "producer", isOverride: false),
            TopicSetting(name: "cleanup.policy", value: "compact", isOverride: false),
            TopicSetting(name: "retention.bytes", value: "-1", isOverride: false),
            TopicSetting(name: "max.message.bytes", value: "1572864", isOverride: true),
            TopicSetting(name: "sasl.secret", value: nil, isOverride: true),
        ]
        let lines = TopicDescription.lines(t, brokers: [:], stalledAfterMs: 60_000)
        let block = Array(lines[2..<lines.firstIndex(of: "PARTITION  LEADER  REPLICAS  IN SYNC  LOW  HIGH  MSG/S")!])
        #expect(block == [
            "SETTING            VALUE",
            "cleanup.policy     compact",
            "retention.ms       604800000 (168h)   set on the topic",
            "retention.bytes    -1 (unlimited)",
            "max.message.bytes  1572864 (1.5 MiB)  set on the topic",
            "sasl.secret        (not shown)        set on the topic",
            "segment.ms         3600000 (1h)       set on the topic",
            "",
        ], "the broker's defaults other than the essential ones are left out: \(lines)")
        t.settings = [TopicSetting(name: "compression.type", value: "producer", isOverride: false)]
        #expect(TopicDescription.lines(t, brokers: [:], stalledAfterMs: 60_000)[2] == "Settings: none reported by the broker",
                "no header over nothing")
        t.settings = nil
        t.settingsError = "Broker: Topic authorization failed"
        #expect(TopicDescription.lines(t, brokers: [:], stalledAfterMs: 60_000)[2] == "Settings: Broker: Topic authorization failed")
    }

    /// Whatever offsets a broker reports, nothing traps: lags and retained records are never
    /// negative and stop at Int64.max.
    @Test func offsetsAtTheEdgesOfInt64AreNoCrash() throws {
        let marks = [PartitionWatermarks(partition: 0, low: .min, high: .max), PartitionWatermarks(partition: 1, low: .max, high: .min),
                     PartitionWatermarks(partition: 2, low: 0, high: .max)]
        let earlier = TopicsSample(takenAtMs: 0, watermarks: ["t": marks.map { PartitionWatermarks(partition: $0.partition, low: 0, high: .min) }], committed: [:])
        let sample = TopicsSample(takenAtMs: 1_000, watermarks: ["t": marks], committed: ["g": ["t": [0: 0, 1: .max, 2: 0]]])
        var snapshot = TopicsSnapshot(previous: earlier, current: sample)
        var progress = CommitProgress()
        progress.track(&snapshot)
        let t = try #require(snapshot.topics.first)
        #expect(t.retained == .max && t.partitionStats.map(\.offsets.retained) == [.max, 0, .max])
        #expect(t.groups.first?.partitions.map(\.lag) == [.max, 0, .max] && t.groups.first?.lag == .max)
        #expect(snapshot.groups.first?.lag == .max)
        let lag = GroupLag(group: "g", partitions: [.init(topic: "t", partition: 0, committed: .min, high: .max),
                                                      .init(topic: "t", partition: 1, committed: 0, high: .max)], measuredAtMs: 0)
        #expect(lag.total == .max && lag.partitions.map(\.lag) == [.max, .max])
    }

    @Test func groupsAreTheTopicsLagsSeenFromEachGroup() {
        let sample = TopicsSample(
            takenAtMs: 0, watermarks: ["payments": Self.marks([(0, 100), (0, 60)]), "audit.log": Self.marks([(0, 5)])],
            committed: ["scorers": ["payments": [0: 90, 1: 60]], "auditor": ["payments": [1: 50], "audit.log": [0: 2]]])
        let groups = TopicsSnapshot(previous: nil, current: sample).groups
        #expect(groups.map(\.group) == ["auditor", "scorers"])
        #expect(groups[0].lag == 13 && groups[0].topics.map(\.topic) == ["audit.log", "payments"] && groups[0].topics.map(\.lag) == [3, 10])
        #expect(groups[1].topics == [ConsumerGroupLag.TopicLag(topic: "payments", lag: 10, partitions: [
            PartitionLag(partition: 0, committed: 90, lag: 10), PartitionLag(partition: 1, committed: 60, lag: 0),
        ])])
    }

    @Test func internalTopicsAreTheOnesNamedWithALeadingUnderscore() {
        let sample = TopicsSample(takenAtMs: 0, watermarks: ["__consumer_offsets": [], "_schemas": [], "orders": [], "x_y": []])
        let s = TopicsSnapshot(previous: nil, current: sample)
        #expect(s.visible(includingInternal: false).map(\.name) == ["orders", "x_y"])
        #expect(s.visible(includingInternal: true).map(\.name) == ["__consumer_offsets", "_schemas", "orders", "x_y"])
    }

    @Test func countsAreGroupedByThousands() {
        #expect(Format.count(0) == "0")
        #expect(Format.count(999) == "999")
        #expect(Format.count(1_204) == "1,204")
        #expect(Format.count(12_345_678) == "12,345,678")
        #expect(Format.count(-1_000) == "-1,000")
    }
}
