import Testing
@testable import PipeTopCore

@Suite struct CommitProgressTests {
    /// A consumer that commits every 5 s while it reads, then stops with records left.
    @Test func aPartitionIsBehindWithoutProgressFromItsLastCommitNotFromItsFirstLag() {
        var p = CommitProgress()
        func note(_ committed: Int64, lag: Int64?, at s: Int64) -> Int64? {
            p.partition(group: "scorers", topic: "payments", partition: 0, committed: committed, lag: lag, atMs: s * 1_000)
        }
        #expect(note(100, lag: 0, at: 0) == nil, "caught up")
        #expect(note(100, lag: 0, at: 60) == nil, "an idle topic: nothing to read is not a stall")
        #expect(note(100, lag: 5, at: 61) == 0, "a record arrives: behind from now, not from the commit a minute ago")
        #expect(note(100, lag: 40, at: 64) == 3_000)
        #expect(note(140, lag: 10, at: 66) == 0, "it committed: progress")
        #expect(note(140, lag: 60, at: 96) == 30_000)
        #expect(note(140, lag: nil, at: 97) == 31_000, "an end not read keeps the judgement while the offset stands")
        #expect(note(150, lag: nil, at: 98) == nil, "and drops it once the offset moves")
        #expect(note(150, lag: 90, at: 130) == 0)
        #expect(note(150, lag: 130, at: 200) == 70_000)
        #expect(note(90, lag: 190, at: 201) == 0, "offsets reset to earlier are a move too")
    }

    /// Readings that failed, or that stopped for longer than `maxGapMs` (a broker down, the
    /// dashboard suspended with ctrl-z), are no evidence that a group stopped: the consumers
    /// could not commit either, and pipetop did not look.
    @Test func timeWithoutReadingsDoesNotCountTowardsAStall() {
        var p = CommitProgress(maxGapMs: 10_000)
        func note(_ committed: Int64, at s: Int64) -> Int64? {
            p.partition(group: "scorers", topic: "payments", partition: 0, committed: committed, lag: 50, atMs: s * 1_000)
        }
        #expect(note(100, at: 0) == 0)
        #expect(note(100, at: 8) == 8_000, "8 s apart: within the gap, counted")
        #expect(note(100, at: 128) == 8_000, "two minutes without a reading: left out")
        #expect(note(100, at: 180) == 8_000, "and again")
        #expect(note(100, at: 188) == 16_000, "then the clock goes on")
        p.missed(atMs: 190_000)
        #expect(note(100, at: 192) == 16_000, "a failed reading between: left out, however short")
        #expect(note(100, at: 196) == 20_000, "the next interval counts again")
        #expect(note(200, at: 300) == 0, "a commit is progress, gap or not")

        var plain = CommitProgress()
        _ = plain.partition(group: "g", topic: "t", partition: 0, committed: 1, lag: 5, atMs: 0)
        #expect(plain.partition(group: "g", topic: "t", partition: 0, committed: 1, lag: 5, atMs: 90_000) == 90_000,
                "without maxGapMs two readings far apart are the whole measurement (`groups --interval 90s`)")
    }

    /// The Topics screen's title counts the time the groups were followed the same way.
    @Test func theFollowedTimeLeavesTheGapsOut() {
        var p = CommitProgress(maxGapMs: 10_000)
        func track(at s: Int64) -> TopicsSnapshot {
            var snapshot = TopicsSnapshot(topics: [], measuredAtMs: s * 1_000)
            p.track(&snapshot)
            return snapshot
        }
        #expect(track(at: 100).groupsFollowedSinceMs == 100_000)
        #expect(track(at: 105).groupsFollowedSinceMs == 100_000)
        #expect(track(at: 305).groupsFollowedSinceMs == 300_000, "200 s without a reading: followed 5 s, not 205")
        p.missed(atMs: 306_000)
        #expect(track(at: 320).groupsFollowedSinceMs == 315_000)
    }

    @Test func ratesWaitForTheMinimumSpanAndThenSpanTheWindow() throws {
        var p = CommitProgress(windowMs: 60_000, minimumSpanMs: 10_000)
        func rates(committed: Int64, high: Int64, at s: Int64, partitions: Int = 2) -> CommitProgress.Rates? {
            p.rates(group: "g", topic: "t", committed: committed, high: high, partitionCount: partitions, atMs: s * 1_000)
        }
        // Produced 100/s, consumed 80/s, commits every 5 s (the committed sum moves in steps).
        var last: CommitProgress.Rates?
        for s in stride(from: Int64(0), through: 300, by: 2) {
            let committed = 80 * (s / 5 * 5)
            last = rates(committed: committed, high: 100 * s + 1_000, at: s)
            if s < 10 { #expect(last == nil, "at \(s) s") }
        }
        let r = try #require(last)
        #expect(abs(r.consumedPerSecond - 80) < 80 * 0.1, "\(r)")
        #expect(abs(r.lagPerSecond - 20) < 20 * 0.4, "\(r)")
        #expect(rates(committed: 0, high: 30_000, at: 302) == nil, "offsets reset: the readings start over")
        #expect(rates(committed: 100, high: 30_100, at: 320, partitions: 3) == nil, "a partition more: over again")
    }

    @Test func offsetsAtTheEdgesOfInt64DoNotTrap() {
        var p = CommitProgress(windowMs: 60_000, minimumSpanMs: 1)
        _ = p.partition(group: "g", topic: "t", partition: 0, committed: .max, lag: .max, atMs: 0)
        #expect(p.partition(group: "g", topic: "t", partition: 0, committed: 0, lag: .max, atMs: 1) == 0)
        // Sums that wrapped below zero, then at the top: the differences overflow.
        _ = p.rates(group: "g", topic: "t", committed: .min, high: .min, partitionCount: 2, atMs: 0)
        #expect(p.rates(group: "g", topic: "t", committed: .max, high: .max, partitionCount: 2, atMs: 10) != nil)
    }

    @Test func forgettingKeepsOnlyWhatTheLastReadingHad() {
        var p = CommitProgress()
        _ = p.partition(group: "a", topic: "t", partition: 0, committed: 1, lag: 1, atMs: 0)
        _ = p.partition(group: "b", topic: "t", partition: 0, committed: 1, lag: 1, atMs: 0)
        _ = p.partition(group: "b", topic: "t", partition: 1, committed: 1, lag: 1, atMs: 5)
        p.forget(notSeenSince: 5, group: "a")
        #expect(p.trackedPartitions == 2, "b's partitions are not a's to forget")
        p.forget(notSeenSince: 5)
        #expect(p.trackedPartitions == 1)
    }

    /// What the Topics screen and `pipetop topics NAME` show of a group from samples.
    @Test func trackedSnapshotsTellAStalledGroupFromOneCatchingUp() throws {
        var progress = CommitProgress()
        var last: TopicsSnapshot?
        for s in stride(from: Int64(0), through: 90, by: 2) {
            // "stuck" stopped at 500 on partition 1; "fast" reads 150/s of a topic growing 100/s.
            let high = 10_000 + 100 * s
            let fast = min(high, 5_000 + 150 * (s / 5 * 5))
            let sample = TopicsSample(
                takenAtMs: s * 1_000,
                watermarks: ["payments": [PartitionWatermarks(partition: 0, low: 0, high: high / 2),
                                          PartitionWatermarks(partition: 1, low: 0, high: high / 2)]],
                committed: ["stuck": ["payments": [0: high / 2, 1: 500]], "fast": ["payments": [0: fast / 2, 1: fast / 2]]])
            var snapshot = TopicsSnapshot(previous: nil, current: sample)
            progress.track(&snapshot)
            last = snapshot
        }
        let topic = try #require(last?.topics.first)
        let stuck = try #require(topic.groups.first { $0.group == "stuck" })
        let fast = try #require(topic.groups.first { $0.group == "fast" })
        #expect(stuck.stalled(afterMs: 60_000).map(\.partition) == [1])
        #expect(stuck.partitions.first { $0.partition == 1 }?.behindForMs == 90_000)
        #expect(stuck.progress(stalledAfterMs: 60_000) == "stalled 1m30s on 1 of 2 partitions")
        #expect(stuck.progress(stalledAfterMs: 120_000) != "stalled 1m30s on 1 of 2 partitions", "not yet at a longer threshold")
        #expect(fast.stalled(afterMs: 60_000).isEmpty)
        let text = try #require(fast.progress(stalledAfterMs: 60_000))
        #expect(text.hasPrefix("catching up, ~"), "\(text) \(String(describing: fast.rates))")
        #expect(topic.groupsText(stalledAfterMs: 60_000).contains("stuck (lag 9,000, stalled 1m30s on 1 of 2 partitions)"), "\(topic.groupsText(stalledAfterMs: 60_000))")
        #expect(last?.groupsFollowedSinceMs == 0, "followed since the first reading")
        #expect(last?.stallsUnjudgedForMs(stalledAfterMs: 60_000) == nil, "followed 90 s: a stall of 60 s can show")
        #expect(last?.stallsUnjudgedForMs(stalledAfterMs: 120_000) == 30_000, "a stall of 2 m cannot show before 30 s more")
        let lines = TopicDescription.lines(topic, brokers: [:], stalledAfterMs: 60_000)
        #expect(lines.contains { $0.hasPrefix("stuck") && $0.hasSuffix("stalled 1m30s on 1 of 2 partitions") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("stuck") && $0.contains("500") && $0.hasSuffix("stalled 1m30s") }, "the partition's row: \(lines)")
    }

    @Test func aLagThatOnlyWobblesSaysNothingAndOneThatGrowsSaysSo() {
        func progress(consumed: Double, lagPerSecond: Double, lag: Int64 = 1_000) -> String? {
            TopicGroupLag(group: "g", lag: lag, partitions: [PartitionLag(partition: 0, committed: 1, lag: lag, behindForMs: 0)],
                          rates: CommitProgress.Rates(consumedPerSecond: consumed, lagPerSecond: lagPerSecond)).progress(stalledAfterMs: 60_000)
        }
        #expect(progress(consumed: 100, lagPerSecond: 5) == nil, "5/s on 105/s produced: the commits' step")
        #expect(progress(consumed: 100, lagPerSecond: 50) == "falling behind 50/s")
        #expect(progress(consumed: 100, lagPerSecond: -50) == "catching up, ~20s")
        #expect(progress(consumed: 100, lagPerSecond: -50, lag: 0) == nil, "caught up")
    }

    @Test func aPipelineWhoseGroupStallsRaisesACriticalAlertNamingThePartition() throws {
        let lag = GroupLag(group: "fraud-scorer", partitions: [
            GroupLag.Partition(topic: "payments", partition: 0, committed: 10, high: 10, behindForMs: nil),
            GroupLag.Partition(topic: "payments", partition: 2, committed: 1_841, high: 3_045, behindForMs: 125_000),
            GroupLag.Partition(topic: "payments", partition: 3, committed: 7, high: 9, behindForMs: 61_000),
        ], measuredAtMs: 0)
        let alerts = AlertRules.evaluate(pipeline: "fraud", throughput: .zero, latency: nil, lag: lag.total, groupLag: lag,
                                         stale: false, silentForMs: 0, settings: AlertSettings(), nowMs: 0)
        let stalled = try #require(alerts.first { $0.kind == .stalled })
        #expect(stalled.severity == .critical)
        #expect(stalled.message == "group fraud-scorer stalled for 2m05s: payments[2] at 1,841 (lag 1,204) and 1 more partition")
        var later = AlertSettings()
        later.groupStalledAfterMs = 180_000
        #expect(AlertRules.evaluate(pipeline: "fraud", throughput: .zero, latency: nil, lag: lag.total, groupLag: lag,
                                    stale: false, silentForMs: 0, settings: later, nowMs: 0).allSatisfy { $0.kind != .stalled })
    }
}
