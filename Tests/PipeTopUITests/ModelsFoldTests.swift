import Testing
import PipeTopCore
@testable import PipeTopUI

/// A long run's history on the Models screen: older finished versions fold into one row that
/// `enter` unfolds and folds again.
@Suite struct ModelsFoldTests {
    /// `lr` of `fraud`: v1 served, v2…v30 were candidates and got retired, v31 serves (v1 is
    /// the rollback target), v32 is a candidate.
    static func snapshot() -> StoreSnapshot {
        var s = StoreState(basis: .eventTime)
        func model(_ v: Int, _ kind: ModelEventKind, _ ts: Int64) {
            s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: ts, model: "lr", version: v, event: kind)), source: "models", arrivalMs: 0)
        }
        model(1, .promoted, 0)
        for v in 2...30 {
            model(v, .candidate, Int64(v) * 60_000)
            model(v, .retired, Int64(v) * 60_000 + 30_000)
        }
        model(31, .promoted, 31 * 60_000)
        model(32, .candidate, 32 * 60_000)
        return s.snapshot(arrivalMs: 0)
    }

    let options: DashboardOptions

    init() throws {
        options = DashboardOptions(
            settings: EngineSettings(), keymap: try Keymap(), themes: [.defaultDark], theme: .defaultDark, fps: 30,
            timeRange: .oneMinute, readOnly: false, source: "test")
    }

    static func state() -> AppState {
        var s = AppState()
        s.screen = .models
        s.pipeline = "fraud"
        s.data = ScreenData(snapshot: snapshot())
        return s
    }

    func rowIDs(_ s: AppState) -> [RowID] { Dashboard.rowIDs(s, options.view(s)) }

    func text(_ s: AppState) -> [String] {
        var buffer = Buffer(width: 120, height: 50)
        Dashboard.render(s, options.view(s), into: &buffer)
        return buffer.lines
    }

    func press(_ key: String, _ s: inout AppState) { _ = Update.update(.input(.key(Key(key))), &s, options) }

    @Test func olderFinishedVersionsFoldIntoOneRow() {
        let s = Self.state()
        let fold = RowID.versionFold(pipeline: "fraud", model: "lr", newest: 27)
        // Kept: the candidate, the primary, the three latest retired, the rollback target.
        #expect(rowIDs(s) == [32, 31, 30, 29, 28].map { .version(model: "lr", version: $0) } + [fold, .version(model: "lr", version: 1)])
        let lines = text(s)
        #expect(lines.contains { $0.contains("Models of fraud (32 versions)") })
        let row = lines.first { $0.contains("26 retired") }
        #expect(row?.contains("lr") == true && row?.contains("…") == true && row?.contains("v2–v27") == true)
        #expect(!lines.contains { $0.contains(" v14 ") })
    }

    @Test func enterUnfoldsTheRowAndFoldsItAgain() {
        var s = Self.state()
        for _ in 0..<5 { press("down", &s) }
        #expect(s.selection[.models] == 5)
        press("enter", &s)
        #expect(s.unfoldedModels["fraud"] == ["lr"])
        let unfolded = rowIDs(s)
        #expect(unfolded.count == 7 + 26, "the fold's row stays, its versions under it")
        #expect(unfolded[5] == .versionFold(pipeline: "fraud", model: "lr", newest: 27))
        #expect(unfolded[6] == .version(model: "lr", version: 27) && unfolded[31] == .version(model: "lr", version: 2))
        let lines = text(s)
        #expect(lines.contains { $0.contains("▾") && $0.contains("26 retired") })
        #expect(lines.contains { $0.contains("lr") && $0.contains(" v14 ") && $0.contains("retired") })
        #expect(lines.contains { $0.contains("enter folds them again") })

        press("enter", &s)
        #expect(s.unfoldedModels["fraud"]?.isEmpty == true)
        #expect(rowIDs(s).count == 7)
    }

    @Test func aFilterLooksAtEveryVersion() {
        var s = Self.state()
        s.filters[.models] = RowFilter(typed: "retired")
        let ids = rowIDs(s)
        #expect(ids.count == 29)
        #expect(ids.contains(.version(model: "lr", version: 14)))
    }
}
