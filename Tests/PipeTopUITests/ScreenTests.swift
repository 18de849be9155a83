import Testing
import PipeTopCore
@testable import PipeTopUI

/// Every screen rendered from a fixed snapshot and compared with its golden text.
@Suite struct ScreenTests {
    static let snapshot = Fixtures.snapshot()

    static func frame(_ state: AppState, width: Int = 120, height: Int = 40, readOnly: Bool = false) throws -> Buffer {
        var state = state
        var buffer = Buffer(width: width, height: height)
        Dashboard.render(state, try Fixtures.context(snapshot, readOnly: readOnly), into: &buffer)
        return buffer
    }

    @Test(arguments: Screen.allCases)
    func eachScreenMatchesItsGolden(_ screen: Screen) throws {
        var state = AppState()
        state.screen = screen
        state.pipeline = "fraud"
        assertSnapshot(try Self.frame(state), named: "screen-\(screen.rawValue)")
    }

    @Test func overviewShowsTheRightNumbers() throws {
        let text = try Self.frame(AppState()).lines.joined(separator: "\n")
        #expect(text.contains("fraud"))
        #expect(text.contains("fraud-lr v3"))
        #expect(text.contains("READ-ONLY") == false)
        let fraud = try #require(Self.snapshot.pipeline(named: "fraud"))
        #expect(fraud.throughput.recordsIn.s1 == 3_000)
        #expect(fraud.alerts.contains { $0.kind == .errorRate })
        #expect(text.contains("CRITICAL"))
    }

    @Test func readOnlyShowsTheBadgeAndNoControlHints() throws {
        var state = AppState(readOnly: true)
        state.screen = .models
        let text = try Self.frame(state, readOnly: true).lines.joined(separator: "\n")
        #expect(text.contains("READ-ONLY"))
        #expect(!text.contains("promote"))
    }

    @Test func compactAndTooSmallLayouts() throws {
        assertSnapshot(try Self.frame(AppState(), width: 80, height: 24), named: "overview-80x24")
        let tiny = try Self.frame(AppState(), width: 36, height: 8).lines.joined(separator: "\n")
        #expect(tiny.contains("terminal too small (need 40×10)"))
    }

    @Test func helpListsTheKeymapOfTheScreen() throws {
        var state = AppState()
        state.screen = .models
        state.showHelp = true
        let text = try Self.frame(state).lines.joined(separator: "\n")
        #expect(text.contains("Help: Models"))
        #expect(text.contains("p") && text.contains("promote"))
        #expect(text.contains("q/ctrl+c"))
    }

    @Test func helpTooTallForOneColumnTakesTwoAndKeepsItsNotes() throws {
        var state = AppState()
        state.screen = .tail
        state.showHelp = true
        let tall = try Self.frame(state, width: 120, height: 60).lines.joined(separator: "\n")
        #expect(!tall.contains("lines 1-"), "60 rows hold the Tail's help in one column")
        let short = try Self.frame(state, width: 120, height: 30).lines
        let text = short.joined(separator: "\n")
        #expect(!text.contains("lines 1-"), "30 rows hold it in two columns")
        #expect(short.contains { $0.contains("q/ctrl+c") && $0.contains("quit") && $0.contains("drift") }, "two bindings side by side")
        #expect(text.contains("space follows the newest again"), "and the notes under them")
    }

    @Test func filterHidesRowsAndRowIDsFollowIt() throws {
        var state = AppState()
        state.filters[.overview] = RowFilter(typed: "fr")
        let ctx = try Fixtures.context(Self.snapshot)
        #expect(Dashboard.rowIDs(state, ctx) == [.pipeline("fraud")])
        state.filters[.overview] = RowFilter(typed: "!fr")
        #expect(Dashboard.rowIDs(state, ctx) == [.pipeline("churn"), .pipeline("ctr")])
    }
}
