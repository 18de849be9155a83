import PipeTopCore
import Testing

@testable import PipeTopKafka

/// The lag probe's memory of partition ends: a partition whose end cannot be read in one round
/// keeps its last end, or is listed with none, instead of dropping out of the group's total.
@Suite struct GroupLagBookTests {
    static let committed: [GroupLagBook.Committed] = [
        .init(topic: "in", partition: 0, offset: 12), .init(topic: "in", partition: 1, offset: 4),
        .init(topic: "scored", partition: 0, offset: 5),
    ]

    @Test func everyEndReadGivesTheExactTotal() throws {
        var book = GroupLagBook()
        let lag = try #require(book.measure(group: "g", committed: Self.committed, nowMs: 1_000) { topic, _ in topic == "in" ? 20 : 30 })
        #expect(lag.total == 8 + 16 + 25)
        #expect(lag.unknownEnds == 0)
        #expect(lag.oldestStaleEndMs == nil)
        #expect(lag.partitions.map(\.highAtMs) == [1_000, 1_000, 1_000])
    }

    @Test func anEndThatCannotBeReadKeepsTheLastOneRead() throws {
        var book = GroupLagBook()
        _ = book.measure(group: "g", committed: Self.committed, nowMs: 1_000) { _, _ in 20 }
        // Partition in/1's ListOffsets fails in the next round: its end of 20 read at 1 s stays.
        let lag = try #require(book.measure(group: "g", committed: Self.committed, nowMs: 2_000) { topic, p in
            topic == "in" && p == 1 ? nil : 40
        })
        #expect(lag.total == 28 + 16 + 35, "not 63: the unread partition still counts")
        #expect(lag.unknownEnds == 0)
        let kept = try #require(lag.partitions.first { $0.topic == "in" && $0.partition == 1 })
        #expect(kept.high == 20 && kept.highAtMs == 1_000 && lag.isStale(kept))
        #expect(lag.oldestStaleEndMs == 1_000)
        #expect(lag.partitions.filter(lag.isStale).count == 1)
    }

    @Test func anEndNeverReadIsListedWithoutOneAndTheTotalIsALowerBound() throws {
        var book = GroupLagBook()
        let lag = try #require(book.measure(group: "g", committed: Self.committed, nowMs: 1_000) { topic, _ in topic == "in" ? nil : 30 })
        #expect(lag.partitions.count == 3)
        #expect(lag.unknownEnds == 2)
        #expect(lag.total == 25)
        #expect(lag.partitions.filter { $0.high == nil }.allSatisfy { $0.lag == nil && $0.highAtMs == nil && !lag.isStale($0) })
    }

    @Test func endsAreKeptPerGroupAndOnlyForWhatTheGroupStillCommitted() throws {
        var book = GroupLagBook()
        _ = book.measure(group: "a", committed: Self.committed, nowMs: 1_000) { _, _ in 50 }
        // Group b never had its ends read: a's do not stand in for them.
        let b = try #require(book.measure(group: "b", committed: Self.committed, nowMs: 2_000) { _, _ in nil })
        #expect(b.unknownEnds == 3)
        // a's round without in/1 forgets its end; when in/1 comes back unread, it has none.
        _ = book.measure(group: "a", committed: Array(Self.committed.prefix(1)), nowMs: 3_000) { _, _ in 50 }
        let a = try #require(book.measure(group: "a", committed: Self.committed, nowMs: 4_000) { _, p in p == 1 ? nil : 60 })
        #expect(a.partitions.map(\.high) == [60, nil, 60])
        // A group that committed nothing is no measurement, and its ends are dropped.
        #expect(book.measure(group: "a", committed: [], nowMs: 5_000) { _, _ in 1 } == nil)
        let again = try #require(book.measure(group: "a", committed: Self.committed, nowMs: 6_000) { _, _ in nil })
        #expect(again.unknownEnds == 3)
    }

    /// A group reading 80 of the 100 records a second produced on `in`/0, committing every
    /// 5 s, with in/1 stuck at 4 behind 20 records: its rates over the minute, and how long
    /// in/1 has stood.
    @Test func aGroupIsTrackedAcrossRoundsForItsPaceAndItsStalledPartitions() throws {
        var book = GroupLagBook()
        var last: GroupLag?
        for s in stride(from: Int64(0), through: 120, by: 5) {
            let committed: [GroupLagBook.Committed] = [.init(topic: "in", partition: 0, offset: 80 * s), .init(topic: "in", partition: 1, offset: 4)]
            last = book.measure(group: "g", committed: committed, nowMs: s * 1_000) { _, p in p == 0 ? 100 * s + 10 : 24 }
            if s < 10 { #expect(last?.rates == nil, "too soon at \(s) s") }
        }
        let lag = try #require(last)
        let rates = try #require(lag.rates)
        #expect(abs(rates.consumedPerSecond - 80) < 0.5 && abs(rates.lagPerSecond - 20) < 0.5, "\(rates)")
        #expect(rates.trend(lag: lag.total) == "falling behind 20/s")
        #expect(lag.partitions.map(\.behindForMs) == [0, 120_000], "in/0 moved this round; in/1 never since the first")
        #expect(lag.stalled(afterMs: 60_000).map(\.partition) == [1])
        #expect(lag.followedSinceMs == 0)
        #expect(lag.stallsUnjudgedForMs(stalledAfterMs: 60_000) == nil)
        #expect(lag.stallsUnjudgedForMs(stalledAfterMs: 180_000) == 60_000, "followed 2 m: a stall of 3 m could show in 1 m")
    }

    /// Rounds that failed (a broker down, the dashboard suspended) are no evidence: the time
    /// without readings counts neither towards a stall nor as time the group was followed.
    @Test func roundsMissedForLongerThanTheGapLeaveTheirTimeOut() throws {
        var book = GroupLagBook(maxGapMs: 20_000)
        let committed: [GroupLagBook.Committed] = [.init(topic: "in", partition: 0, offset: 4)]
        func round(at s: Int64) -> GroupLag? { book.measure(group: "g", committed: committed, nowMs: s * 1_000) { _, _ in 24 } }
        _ = round(at: 0)
        #expect(round(at: 5)?.partitions.first?.behindForMs == 5_000)
        let back = try #require(round(at: 125), "two minutes without an answer, then one")
        #expect(back.partitions.first?.behindForMs == 5_000, "not 125 s: the consumers could not commit either")
        #expect(!back.partitions[0].isStalled(afterMs: 60_000))
        #expect(back.followedSinceMs == 120_000)
        #expect(back.stallsUnjudgedForMs(stalledAfterMs: 60_000) == 55_000)
        var last: GroupLag?
        for s in stride(from: Int64(130), through: 180, by: 5) { last = round(at: s) }
        #expect(last?.partitions.first?.behindForMs == 60_000, "rounds answered again: the clock goes on")
        #expect(last?.partitions.first?.isStalled(afterMs: 60_000) == true, "watched for 60 s behind: stalled")
        #expect(last?.stallsUnjudgedForMs(stalledAfterMs: 60_000) == nil)
    }
}
