import Testing
import PipeTopCore
@testable import PipeTopUI

/// Key sequences in, state and effects out.
@Suite struct UpdateTests {
    static let context = AppContext(rowIDs: [.pipeline("churn"), .pipeline("ctr"), .pipeline("fraud")], pipelines: ["churn", "ctr", "fraud"], nowMs: 1_000)

    static func press(_ keys: [String], _ state: inout AppState, readOnly: Bool = false) throws -> [Effect] {
        let keymap = try Keymap(readOnly: readOnly)
        var effects: [Effect] = []
        for k in keys { effects += Update.apply(.key(Key(k)), to: &state, keymap: keymap, context: context) }
        return effects
    }

    static func type(_ text: String) -> [String] { text.map { $0 == " " ? "space" : String($0) } }

    @Test func movingAndDrillingIntoAPipeline() throws {
        var s = AppState()
        _ = try Self.press(["j", "j", "j", "k"], &s)
        #expect(s.selection[.overview] == 1)
        _ = try Self.press(["enter"], &s)
        #expect(s.screen == .pipeline)
        #expect(s.pipeline == "ctr")
        _ = try Self.press(["esc"], &s)
        #expect(s.screen == .overview)
        _ = try Self.press(["G"], &s)
        #expect(s.selection[.overview] == 2)
    }

    @Test func numberKeysTabAndShiftTabSwitchScreens() throws {
        var s = AppState()
        _ = try Self.press(["2"], &s)
        #expect(s.screen == .models)
        _ = try Self.press(["tab"], &s)
        #expect(s.screen == .drift)
        _ = try Self.press(["shift+tab", "shift+tab"], &s)
        #expect(s.screen == .overview)
        _ = try Self.press(["5"], &s)
        #expect(s.screen == .events)
    }

    @Test func aPipelinesScreensOpenedFromTheOverviewAreAboutTheRowSelectedThere() throws {
        var s = AppState()
        _ = try Self.press(["j", "2"], &s)
        #expect(s.screen == .models && s.pipeline == "ctr")
        // Back on the Overview, another row: Drift, Tail and tab follow it, not the last one opened.
        _ = try Self.press(["esc", "j", "3"], &s)
        #expect(s.screen == .drift && s.pipeline == "fraud")
        _ = try Self.press(["esc", "k", "4"], &s)
        #expect(s.screen == .tail && s.pipeline == "ctr")
        _ = try Self.press(["1", "g", "tab"], &s)
        #expect(s.screen == .models && s.pipeline == "churn")
        // From another screen the pipeline stays.
        _ = try Self.press(["3"], &s)
        #expect(s.screen == .drift && s.pipeline == "churn")
    }

    @Test func quitEndsTheRun() throws {
        var s = AppState()
        #expect(try Self.press(["q"], &s).isEmpty)
        #expect(s.quit)
    }

    @Test func filterAppliesAsTypedAndEscClearsIt() throws {
        var s = AppState()
        _ = try Self.press(["/"] + Self.type("fr") + ["enter"], &s)
        #expect(s.mode == .normal)
        #expect(s.filters[.overview] == RowFilter(typed: "fr"))
        _ = try Self.press(["/", "backspace", "backspace"] + Self.type("!c") + ["enter"], &s)
        #expect(s.filters[.overview]?.inverted == true)
        #expect(s.filters[.overview]?.pattern == "c")
        _ = try Self.press(["esc"], &s)
        #expect(s.filters[.overview] == nil)
    }

    @Test func anInvalidFilterKeepsTheOldOneAndSaysWhy() throws {
        var s = AppState()
        _ = try Self.press(["/"] + Self.type("ok") + ["enter"], &s)
        _ = try Self.press(["/"] + Self.type("(") + ["enter"], &s)
        #expect(s.filters[.overview]?.pattern == "ok")
        #expect(s.flash?.role == .critical)
    }

    @Test func commandModeSwitchesScreensAndCompletes() throws {
        var s = AppState()
        _ = try Self.press([":"] + Self.type("mod") + ["tab"] + Self.type("fr") + ["tab", "enter"], &s)
        #expect(s.screen == .models)
        #expect(s.pipeline == "fraud")
        _ = try Self.press([":"] + Self.type("drift nope") + ["enter"], &s)
        #expect(s.screen == .models)
        #expect(s.flash?.text.contains("unknown pipeline") == true)
        _ = try Self.press([":"] + Self.type("bogus") + ["enter"], &s)
        #expect(s.flash?.text.hasPrefix("unknown command") == true)
        _ = try Self.press([":", "q", "enter"], &s)
        #expect(s.quit)
    }

    @Test func pasteNeverTriggersABinding() throws {
        var s = AppState()
        let keymap = try Keymap()
        #expect(Update.apply(.paste("q"), to: &s, keymap: keymap, context: Self.context).isEmpty)
        #expect(!s.quit)
    }

    @Test func pauseTimeRangeAndThemeCycle() throws {
        var s = AppState(themes: ["default", "light", "mono"])
        _ = try Self.press(["space", "t"], &s)
        #expect(s.paused)
        #expect(s.timeRange == .fiveMinutes)
        let options = DashboardOptions(settings: EngineSettings(), keymap: try Keymap(), themes: [.defaultDark, .light, .mono],
                                       theme: .defaultDark, fps: 30, timeRange: .oneMinute, readOnly: false, source: "test")
        s.nowMs = 1_000
        _ = Update.update(.input(.key(Key("T"))), &s, options)
        #expect(s.themeName == "light")
        #expect(s.theme.name == "light", "the theme in use follows the name")
        _ = Update.update(.tick(nowMs: 1_000 + Update.flashMs), &s, options)
        #expect(s.flash == nil)
    }

    @Test func readOnlyModeRefusesControlCommands() throws {
        var s = AppState(readOnly: true)
        _ = try Self.press(["2", "p"], &s, readOnly: true)
        #expect(s.flash == nil)
        _ = try Self.press([":"] + Self.type("promote fraud") + ["enter"], &s, readOnly: true)
        #expect(s.flash?.text.contains("read-only") == true)
    }

    @Test func helpOpensAndClosesWithoutQuitting() throws {
        var s = AppState()
        _ = try Self.press(["?"], &s)
        #expect(s.showHelp)
        #expect(try Self.press(["q"], &s).isEmpty)
        #expect(!s.showHelp)
        #expect(!s.quit)
    }
}
