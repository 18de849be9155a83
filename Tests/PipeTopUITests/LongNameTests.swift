import Testing
import PipeTopCore
@testable import PipeTopUI

/// Columns that hold names take the width their names need before spare width goes elsewhere:
/// a 24-character pipeline and model show in full at 120 columns on every screen.
@Suite struct LongNameTests {
    static let pipeline = "payments-risk-scoring-eu"
    static let model = "gradient-boosted-risk-v2"
    static let snapshot = Fixtures.snapshot(names: ["churn", pipeline, "fraud"], model: { $0 == pipeline ? model : "\($0)-lr" })

    static func frame(_ screen: Screen, width: Int, height: Int = 40) throws -> [String] {
        var state = AppState()
        state.screen = screen
        state.pipeline = pipeline
        var ctx = try Fixtures.context(snapshot)
        ctx.topicsUnavailable = nil
        ctx.topics = TopicsSnapshot(topics: [TopicStats(name: pipeline + ".scored", partitions: 3, messagesPerSecond: 10, retained: 100,
                                                        groups: [TopicGroupLag(group: pipeline + "-labels", lag: 5)])], measuredAtMs: Fixtures.t0)
        var buffer = Buffer(width: width, height: height)
        Dashboard.render(state, ctx, into: &buffer)
        return buffer.lines
    }

    @Test(arguments: Screen.allCases)
    func namesShowInFullAt120Columns(_ screen: Screen) throws {
        let text = try Self.frame(screen, width: 120).joined(separator: "\n")
        #expect(text.contains(Self.pipeline), "\(screen): \(text)")
        if screen != .topics && screen != .groups {
            #expect(text.contains(Self.model), "\(screen): \(text)")
        }
    }

    @Test(arguments: Screen.allCases)
    func at80ColumnsTheScreensStillLayOut(_ screen: Screen) throws {
        let lines = try Self.frame(screen, width: 80, height: 24)
        #expect(lines.count == 24 && lines.allSatisfy { DisplayWidth.of($0) == 80 })
        // The block's right border is never overwritten by a cell that did not fit.
        #expect(lines.dropFirst(2).dropLast().allSatisfy { $0.hasSuffix("│") || $0.hasSuffix("┐") || $0.hasSuffix("┘") || $0.hasSuffix("┤") })
        let text = lines.joined(separator: "\n")
        #expect(text.contains("payments-risk"), "\(screen): the name is shown, cut if it must be")
    }

    @Test func theOverviewHidesMinorColumnsRatherThanCutNames() throws {
        let lines = try Self.frame(.overview, width: 120)
        let header = try #require(lines.first { $0.contains("STATUS") })
        #expect(header.contains("PIPELINE") && header.contains("SERVING") && header.contains("ALERTS") && header.contains("PSI"))
        #expect(!header.contains("OUT/S") && !header.contains("LAG"), "hidden first")
        #expect(lines.contains { $0.contains(Self.pipeline) && $0.contains(Self.model + " v3") })
    }
}
