import Foundation
import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Events screen says a thing once: the same `serving` step (a version loaded) reported by
/// several instances at the same moment is one row, with the instances counted and named.
@Suite struct EventsScreenTests {
    @Test func servingReportsOfSeveralInstancesAreOneRow() throws {
        var s = StoreState(settings: EngineSettings(), basis: .eventTime)
        let t0 = Fixtures.t0
        func serving(_ instance: String, version: Int, at ts: Int64, why: String? = nil) {
            s.ingest(.model(ModelEvent(pipeline: "ctr", tsMs: ts, model: "ctr-nb", version: version, event: .serving, description: why,
                                       instance: instance)),
                     source: "models", arrivalMs: 0)
        }
        s.ingest(.model(ModelEvent(pipeline: "ctr", tsMs: t0, model: "ctr-nb", version: 4, event: .promoted)), source: "models", arrivalMs: 0)
        serving("scorer-1", version: 4, at: t0 + 1_000)
        serving("scorer-2", version: 4, at: t0 + 1_000)
        serving("scorer-3", version: 4, at: t0 + 1_000)
        serving("scorer-1", version: 4, at: t0 + 2_000)
        serving("scorer-1", version: 5, at: t0 + 3_000, why: "loaded for shadow scoring")
        serving("scorer-2", version: 5, at: t0 + 3_000, why: "loaded for shadow scoring")
        var state = AppState()
        state.screen = .events
        var buffer = Buffer(width: 200, height: 20)
        Dashboard.render(state, try Fixtures.context(s.snapshot(arrivalMs: 0)), into: &buffer)
        let lines = buffer.lines
        #expect(lines.filter { $0.contains("ctr-nb v4 loaded on 3 instances") && $0.contains("scorer-1, scorer-2, scorer-3") }.count == 1,
                "\(lines.joined(separator: "\n"))")
        // Another moment is another row; the promotion keeps its own.
        #expect(lines.filter { $0.contains("ctr-nb v4 loaded ") && !$0.contains("instances") && $0.contains("scorer-1") }.count == 1)
        #expect(lines.contains { $0.contains("ctr-nb v4 promoted") })
        // A version loaded beside the serving one (a shadow) is not said to be serving; why it was loaded shows.
        #expect(lines.contains { $0.contains("ctr-nb v5 loaded on 2 instances") && $0.contains("loaded for shadow scoring: scorer-1, scorer-2") },
                "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains(" serving") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Events (4), newest first") }, "\(lines.joined(separator: "\n"))")
    }

    /// An alert's message is longer than DETAIL at 80 columns: `enter` shows the event in full,
    /// wrapped; `esc` closes it; `↑↓` move to the next event.
    @Test func enterOpensTheSelectedEventInFullWrappedToTheScreen() throws {
        var s = StoreState(settings: EngineSettings(), basis: .arrival)
        let message = "models topic pipeline.models deletes records older than 168h (retention.ms): versions published before are lost to "
            + "restarting scorers, the registry and rollbacks; set cleanup.policy=compact, or retention.ms=-1 and retention.bytes=-1"
        s.recordWarning(message, topic: "pipeline.models", kind: .retention)
        s.tick(nowMs: Fixtures.t0)
        let ctx = try Fixtures.context(s.snapshot(arrivalMs: Fixtures.t0))
        var state = AppState()
        state.screen = .events
        state.size = (80, 24)
        let keymap = try Keymap()
        func press(_ key: String) {
            let context = AppContext(rowIDs: Dashboard.rowIDs(state, ctx), nowMs: Fixtures.t0)
            _ = Update.apply(.key(Key(key)), to: &state, keymap: keymap, context: context)
        }
        func frame() -> [String] {
            var buffer = Buffer(width: 80, height: 24)
            Dashboard.render(state, ctx, into: &buffer)
            return buffer.lines
        }
        #expect(!frame().joined().contains("retention.bytes=-1"), "cut at 80 columns")
        #expect(Dashboard.rowIDs(state, ctx).count == 1, "\(ctx.snapshot.alertHistory) \(ctx.snapshot.alerts)")
        press("enter")
        #expect(state.showRecord)
        let text = frame().map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
        #expect(text.contains { $0.hasPrefix("kind      alert") }, "\(text.joined(separator: "\n"))")
        let detail = text.drop { !$0.hasPrefix("detail") }.prefix { !$0.isEmpty && !$0.contains("esc close") }
        #expect(detail.joined(separator: " ").replacingOccurrences(of: "detail ", with: "").split(separator: " ").joined(separator: " ")
                == message.split(separator: " ").joined(separator: " "), "the whole message, wrapped: \(Array(detail))")
        press("esc")
        #expect(!state.showRecord)
    }

    /// Events come newest first: a new one pushes the rows down, and the selection (and the
    /// event open with `enter`) stays on the row it was on.
    @Test func newEventsAboveKeepTheSelectionAndTheOpenEventOnTheirRow() throws {
        let options = DashboardOptions(settings: EngineSettings(), keymap: try Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                       fps: 30, timeRange: .oneMinute, readOnly: false, source: "test")
        var store = StoreState(settings: EngineSettings(), basis: .eventTime)
        func publish(_ version: Int) {
            store.ingest(.model(ModelEvent(pipeline: "ctr", tsMs: Fixtures.t0 + Int64(version) * 1_000, model: "ctr-nb", version: version,
                                           event: .published)), source: "models", arrivalMs: 0)
        }
        for v in 1...3 { publish(v) }
        var s = options.initialState(size: (120, 30), colors: 256, nowMs: Fixtures.t0)
        s.screen = .events
        _ = Update.update(.data(ScreenData(snapshot: store.snapshot(arrivalMs: 0), connection: "test")), &s, options)
        func what() -> String? {
            let rows = EventsScreen.rows(options.view(s), s)
            return rows.isEmpty ? nil : rows[s.selected(on: .events, count: rows.count)].cells[3].text
        }
        for k in ["j", "enter"] { _ = Update.update(.input(.key(Key(k))), &s, options) }
        #expect(what() == "ctr-nb v2 published" && s.showRecord)
        publish(4)
        publish(5)
        _ = Update.update(.data(ScreenData(snapshot: store.snapshot(arrivalMs: 0), connection: "test")), &s, options)
        #expect(what() == "ctr-nb v2 published", "still the event opened, now the fourth row")
        #expect(s.selected(on: .events, count: 5) == 3 && s.showRecord)
    }

    @Test func timesAreTheTimeOfDayTodayElseTheDate() {
        let t = Fixtures.t0 + 3_000  // 2025-11-24T16:00:03.000Z
        #expect(EventsScreen.timeText(t, nowMs: t + 3_600_000) == "16:00:03.000")
        #expect(EventsScreen.timeText(t, nowMs: t + 86_400_000) == "2025-11-24 16:00:03")
        #expect(EventsScreen.timeText(-1_000, nowMs: 0) == "1969-12-31 23:59:59")
        // Any ts_ms a producer sends is shown, the extremes too.
        for extreme in [Int64.max, Int64.min, Int64.max - 1, Int64.min + 1] {
            #expect(!EventsScreen.timeText(extreme, nowMs: t).isEmpty)
            #expect(!EventsScreen.timeText(extreme, nowMs: extreme).isEmpty)
        }
    }
}
