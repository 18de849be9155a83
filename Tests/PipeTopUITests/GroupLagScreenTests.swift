import Testing
import PipeTopCore
@testable import PipeTopUI

/// A pipeline whose consumer group's lag is measured on the cluster (`[kafka] lag_groups`):
/// the overview shows the group's total, the detail screen every partition.
@Suite struct GroupLagScreenTests {
    static let lag = GroupLag(group: "fraud-scorer", partitions: [
        .init(topic: "payments", partition: 1, committed: 90, high: 100),
        .init(topic: "payments", partition: 0, committed: 40, high: 52),
    ], measuredAtMs: Fixtures.t0 + 59_000)

    static func frame(screen: Screen, lag: GroupLag = Self.lag) throws -> String {
        var snapshot = Fixtures.snapshot()
        let i = try #require(snapshot.pipelines.firstIndex { $0.name == "fraud" })
        snapshot.pipelines[i].groupLag = lag
        snapshot.pipelines[i].lag = lag.total
        var state = AppState()
        state.screen = screen
        state.pipeline = "fraud"
        var buffer = Buffer(width: 120, height: 40)
        var ctx = try Fixtures.context(snapshot)
        ctx.snapshot = snapshot
        Dashboard.render(state, ctx, into: &buffer)
        return buffer.lines.joined(separator: "\n")
    }

    @Test func detailScreenListsEveryPartitionOfTheGroup() throws {
        let text = try Self.frame(screen: .pipeline)
        #expect(text.contains("Consumer group fraud-scorer: lag 22"), "\(text)")
        let rows = text.split(separator: "\n").filter { $0.contains("payments") }.map { $0.split(separator: " ").filter { $0 != "│" } }
        #expect(rows == [["│payments", "0", "40", "52", "12"], ["│payments", "1", "90", "100", "10"]], "\(rows)")
    }

    @Test func largeOffsetsAndLagsHaveThousandsSeparators() throws {
        let lag = GroupLag(group: "fraud-scorer", partitions: [.init(topic: "payments", partition: 0, committed: 18_933, high: 1_222_148)],
                           measuredAtMs: Fixtures.t0 + 59_000)
        let text = try Self.frame(screen: .pipeline, lag: lag)
        #expect(text.contains("Consumer group fraud-scorer: lag 1,203,215"), "\(text)")
        let row = text.split(separator: "\n").first { $0.contains("payments") }?.split(separator: " ").filter { $0 != "│" }
        #expect(row == ["│payments", "0", "18,933", "1,222,148", "1,203,215"], "\(String(describing: row))")
    }

    @Test func aStalledPartitionIsMarkedOnItsRow() throws {
        let lag = GroupLag(group: "fraud-scorer", partitions: [
            .init(topic: "payments", partition: 0, committed: 40, high: 52, behindForMs: 125_000),
            .init(topic: "payments", partition: 1, committed: 90, high: 100, behindForMs: 3_000),
        ], measuredAtMs: Fixtures.t0 + 59_000)
        let rows = try Self.frame(screen: .pipeline, lag: lag).split(separator: "\n").filter { $0.contains("payments") }
            .map { $0.split(separator: " ").filter { $0 != "│" } }
        #expect(rows == [["│payments", "0", "40", "52", "12", "stalled", "2m05s"], ["│payments", "1", "90", "100", "10"]], "\(rows)")
    }

    @Test func theTitleSaysHowFastTheGroupConsumesAndWhereItIsGoing() throws {
        var lag = Self.lag
        lag.rates = CommitProgress.Rates(consumedPerSecond: 100, lagPerSecond: -11)
        let text = try Self.frame(screen: .pipeline, lag: lag)
        #expect(text.contains("Consumer group fraud-scorer: lag 22 · consumes 100/s, catching up, ~2s"), "\(text)")
        lag.rates = CommitProgress.Rates(consumedPerSecond: 100, lagPerSecond: 3)
        #expect(try Self.frame(screen: .pipeline, lag: lag).contains("Consumer group fraud-scorer: lag 22 · consumes 100/s ─"), "a wobble says nothing")
    }

    /// Right after pipetop starts no stall can show yet: the title says when one could.
    @Test func untilTheGroupIsFollowedLongEnoughTheTitleSaysWhenAStallCouldShow() throws {
        var lag = Self.lag
        lag.followedSinceMs = lag.measuredAtMs - 12_000
        #expect(try Self.frame(screen: .pipeline, lag: lag).contains("Consumer group fraud-scorer: lag 22 · stall check in 48s"))
        lag.followedSinceMs = lag.measuredAtMs - 60_000
        #expect(try !Self.frame(screen: .pipeline, lag: lag).contains("stall check"))
        lag.followedSinceMs = lag.measuredAtMs
        lag.partitions = lag.partitions.map { p in var p = p; p.high = p.committed; return p }
        #expect(try !Self.frame(screen: .pipeline, lag: lag).contains("stall check"), "caught up: nothing to judge")
    }

    @Test func overviewShowsTheGroupTotal() throws {
        let line = try #require(try Self.frame(screen: .overview).split(separator: "\n").first { $0.contains("fraud ") })
        #expect(line.contains(" 22 "), "\(line)")
    }

    /// A partition whose end could not be read this round keeps an older one (dimmed, its age in
    /// the title); one never read shows `?`, and the total is a lower bound everywhere.
    @Test func endsKeptOrUnknownAreShownAsSuch() throws {
        let lag = GroupLag(group: "fraud-scorer", partitions: [
            .init(topic: "payments", partition: 0, committed: 40, high: 52, highAtMs: Fixtures.t0 + 29_000),
            .init(topic: "payments", partition: 1, committed: 90, high: 100),
            .init(topic: "payments", partition: 2, committed: 7, high: nil),
        ], measuredAtMs: Fixtures.t0 + 59_000)
        let text = try Self.frame(screen: .pipeline, lag: lag)
        #expect(text.contains("Consumer group fraud-scorer: lag ≥ 22 (1 of 3 ends unknown)"), "\(text)")
        #expect(text.contains("oldest end 32s ago"), "\(text)")
        let rows = text.split(separator: "\n").filter { $0.contains("payments") }.map { $0.split(separator: " ").filter { $0 != "│" } }
        #expect(rows.last == ["│payments", "2", "7", "?", "?"], "\(rows)")
        let line = try #require(try Self.frame(screen: .overview, lag: lag).split(separator: "\n").first { $0.contains("fraud ") })
        #expect(line.contains(" ≥22 "), "\(line)")
    }
}
