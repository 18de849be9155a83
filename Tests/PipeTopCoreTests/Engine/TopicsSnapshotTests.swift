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
        #expect(payments.groups == [TopicGroupLag(group: "audit", lag: 0), TopicGroupLag(group: "scorers", lag: 10 + 50)])
        #expect(s.topics.first { $0.name == "other" }?.groups == [])
        #expect(!s.topics.contains { $0.name == "gone" }, "a committed offset on a topic that no longer exists is no topic")
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
