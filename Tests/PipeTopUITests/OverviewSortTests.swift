import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Overview's order: status first (critical, stale, warn, ok) then name, `o` and `:sort`
/// to change it, the selection staying on its pipeline, and a fleet's list drawn a window at a time.
@Suite struct OverviewSortTests {
    static let options = DashboardOptions(settings: EngineSettings(), keymap: try! Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                          fps: 30, timeRange: .oneMinute, readOnly: false, source: "test")

    /// `count` pipelines reporting for a few seconds; every seventh lags past the alert's limit
    /// (warn), every eleventh (from `critical`) ten times past it, so statuses and names disagree.
    static func fleet(_ count: Int, critical: Int = 5) -> StoreSnapshot {
        var s = StoreState(basis: .eventTime)
        let limit = AlertSettings().lagMax
        for p in 0..<count {
            let name = "p" + String(1_000 + p)
            let lag: Int64 = p % 11 == critical ? limit * 20 : p % 7 == 3 ? limit * 2 : 10
            for t in Int64(0)...3 {
                s.ingest(.metrics(MetricsEvent(pipeline: name, tsMs: t * 1_000, instance: "i", recordsIn: UInt64(t * Int64(p + 1)),
                                               lag: lag)), source: "metrics", arrivalMs: 0)
            }
        }
        s.settle(arrivalMs: 0)
        return s.snapshot(arrivalMs: 0)
    }

    static func state(_ snapshot: StoreSnapshot) -> AppState {
        var s = options.initialState(size: (200, 60), colors: 256, nowMs: 0)
        s.data = ScreenData(snapshot: snapshot, connection: "test")
        return s
    }

    static func names(_ s: AppState) -> [String] {
        Dashboard.rowIDs(s, options.view(s)).compactMap { if case .pipeline(let name) = $0 { name } else { nil } }
    }

    static func press(_ keys: [String], _ s: inout AppState) {
        for k in keys { _ = Update.update(.input(.key(Key(k))), &s, options) }
    }

    static func type(_ text: String) -> [String] { text.map { $0 == " " ? "space" : String($0) } }

    @Test func criticalComesFirstThenWarnThenOkEachByName() {
        let s = Self.state(Self.fleet(30))
        let shown = OverviewScreen.pipelines(Self.options.view(s), s)
        let statuses = shown.map(\.status)
        #expect(statuses.first == .critical)
        #expect(statuses.last == .ok)
        #expect(Set(statuses) == [.critical, .warn, .ok])
        for (a, b) in zip(shown, shown.dropFirst()) {
            let (ra, rb) = (OverviewSort.rank(a.status), OverviewSort.rank(b.status))
            #expect(ra < rb || (ra == rb && a.name < b.name), "\(a.name) \(a.status) before \(b.name) \(b.status)")
        }
        #expect(OverviewSort.rank(.stale) < OverviewSort.rank(.warn))
    }

    @Test func sortCommandOrdersByTheNamedColumnAndKeepsTheSelectedPipeline() {
        var s = Self.state(Self.fleet(30))
        Self.press(["j", "j"], &s)
        let selected = Self.names(s)[2]
        Self.press([":"] + Self.type("sort in") + ["enter"], &s)
        #expect(s.overviewSort == .in)
        let byRate = Self.names(s)
        // Input rates grow with the pipeline's number: fastest first.
        #expect(byRate == byRate.sorted(by: >))
        #expect(byRate[s.selected(on: .overview, count: byRate.count)] == selected)
        #expect(s.flash?.text == "pipelines sorted by in/s")
        Self.press([":"] + Self.type("sort name") + ["enter"], &s)
        #expect(Self.names(s) == Self.names(s).sorted())
        #expect(Self.names(s)[s.selected(on: .overview, count: 30)] == selected)
        Self.press([":"] + Self.type("sort nope") + ["enter"], &s)
        #expect(s.overviewSort == .name)
        #expect(s.flash?.text.hasPrefix("unknown order \"nope\"") == true)
    }

    @Test func oMovesToTheNextOrderAndTheTitleSaysWhich() {
        var s = Self.state(Self.fleet(3))
        #expect(s.overviewSort == .status)
        Self.press(["o"], &s)
        #expect(s.overviewSort == .name)
        var buffer = Buffer(width: 120, height: 20)
        Dashboard.render(s, Self.options.view(s), into: &buffer)
        #expect(buffer.lines.contains { $0.contains("Pipelines (3), by name") })
    }

    @Test func sortCompletesItsOrdersOnTheOverviewAndTheTopicsOnTheirs() {
        var s = Self.state(Self.fleet(3))
        #expect(CommandLine.complete("sort p", context: AppContext(s, Self.options)) == "sort p")
        #expect(CommandLine.complete("sort ps", context: AppContext(s, Self.options)) == "sort psi ")
        #expect(CommandLine.complete("so", context: AppContext(s, Self.options)) == "sort ")
        s.screen = .topics
        #expect(CommandLine.complete("sort re", context: AppContext(s, Self.options)) == "sort retained ")
    }

    @Test func newDataThatReordersTheRowsKeepsTheSelectedPipeline() {
        var s = Self.state(Self.fleet(30))
        let before = Self.names(s)
        s.selection[.overview] = before.firstIndex(of: "p1020")
        // Other pipelines turn critical and back: p1020 moves up a row, the selection with it.
        _ = Update.update(.data(ScreenData(snapshot: Self.fleet(30, critical: 8), connection: "test")), &s, Self.options)
        let after = Self.names(s)
        #expect(after.firstIndex(of: "p1020") != before.firstIndex(of: "p1020"))
        #expect(after[s.selected(on: .overview, count: after.count)] == "p1020")
    }

    /// Until the operator picks a row, the selection is the first one, whichever pipeline that
    /// is as statuses change (a dashboard just opened shows the worst at the top, not the
    /// pipeline that happened to be first when the data began); `g` goes back to that.
    @Test func withNoRowChosenTheSelectionStaysOnTheFirstRowAsTheOrderChanges() {
        var s = Self.state(Self.fleet(30))
        let first = Self.names(s)[0]
        _ = Update.update(.data(ScreenData(snapshot: Self.fleet(30, critical: 8), connection: "test")), &s, Self.options)
        let names = Self.names(s)
        #expect(names[0] != first, "another pipeline is worst now")
        #expect(s.selected(on: .overview, count: names.count) == 0 && s.selection[.overview] == nil)
        // Chosen (down and back up), the row is followed.
        Self.press(["j", "k"], &s)
        _ = Update.update(.data(ScreenData(snapshot: Self.fleet(30), connection: "test")), &s, Self.options)
        #expect(Self.names(s)[s.selected(on: .overview, count: names.count)] == names[0])
        #expect(s.selected(on: .overview, count: names.count) != 0)
        // `g`: the first row again, and it stays the first.
        Self.press(["g"], &s)
        _ = Update.update(.data(ScreenData(snapshot: Self.fleet(30, critical: 8), connection: "test")), &s, Self.options)
        #expect(s.selected(on: .overview, count: names.count) == 0 && Self.names(s)[0] == names[0])
    }

    /// On a wide terminal the minute's sparkline fills its column, each second a cell or two,
    /// rather than its right-hand 60 cells behind a gap that reads as no data.
    @Test func theMinutesSparklineFillsAWideColumn() {
        #expect(OverviewScreen.stretched([1, 2, 3], to: 6) == [1, 1, 2, 2, 3, 3])
        #expect(OverviewScreen.stretched([1, 2, 3], to: 4) == [1, 1, 2, 3])
        #expect(OverviewScreen.stretched([1, 2, 3], to: 2) == [1, 2, 3], "narrower: the sparkline shows the newest")
        let minute = (1...60).map(Double.init)
        let wide = OverviewScreen.stretched(minute, to: 100)
        #expect(wide.count == 100 && wide.first == 1 && wide.last == 60 && wide == wide.sorted())
    }

    @Test func aThousandPipelinesShowTheWindowAroundTheSelectionAndGSelectsTheLast() {
        var s = Self.state(Self.fleet(1_000))
        s.overviewSort = .name
        Self.press(["G"], &s)
        let names = Self.names(s)
        #expect(s.selected(on: .overview, count: names.count) == 999)
        var buffer = Buffer(width: 200, height: 60)
        Dashboard.render(s, Self.options.view(s), into: &buffer)
        let rows = buffer.lines.filter { $0.contains("│") && $0.contains(" p1") }
        // The rows that fit, ending with the last pipeline, in order.
        #expect(rows.count == 60 - 6)
        #expect(rows.last?.contains("p1999") == true)
        #expect(rows.first?.contains("p\(1_999 - rows.count + 1)") == true)
        #expect(buffer.lines.contains { $0.contains("Pipelines (1000), by name") })
    }

    @Test func theFilterMatchesEveryPipelineNotOnlyThoseOnScreen() {
        var s = Self.state(Self.fleet(1_000))
        Self.press(["/"] + Self.type("p1998") + ["enter"], &s)
        #expect(Self.names(s) == ["p1998"])
        // The words of a row, its status among them; not its numbers.
        Self.press(["esc", "/"] + Self.type("critical") + ["enter"], &s)
        let critical = s.data.snapshot.pipelines.filter { $0.status == .critical }.map(\.name)
        #expect(!critical.isEmpty)
        #expect(Self.names(s) == critical)
    }
}
