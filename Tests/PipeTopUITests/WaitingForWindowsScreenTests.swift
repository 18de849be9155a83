import Testing
import PipeTopCore
@testable import PipeTopUI

/// More versions scoring at once than the store follows: the one left without live windows is
/// shown waiting, with why and what to raise, on the Models and Drift screens.
@Suite struct WaitingForWindowsScreenTests {
    static let t0 = Fixtures.t0

    /// Pipelines `a` and `b` scoring in turn with room for one version's windows: `a` took it first.
    static func frame(_ screen: Screen, pipeline: String) throws -> String {
        var settings = EngineSettings()
        settings.limits.maxTrackedVersions = 1
        var s = StoreState(settings: settings, basis: .eventTime)
        for name in ["a", "b"] {
            s.ingest(.model(ModelEvent(pipeline: name, tsMs: t0, model: "\(name)-lr", version: 2, event: .promoted)), source: "models", arrivalMs: 0)
        }
        for i in 0..<200 {
            let name = i % 2 == 0 ? "a" : "b"
            s.ingest(scored: ScoredEvent(pipeline: name, tsMs: t0 + 1_000 + Int64(i), key: "k\(i)", model: "\(name)-lr", version: 2, score: 0.5),
                     source: "scored", arrivalMs: 0)
        }
        var view = try Fixtures.context(s.snapshot(arrivalMs: 0))
        view.settings = settings
        var state = AppState()
        state.screen = screen
        state.pipeline = pipeline
        var buffer = Buffer(width: 120, height: 30)
        Dashboard.render(state, view, into: &buffer)
        return buffer.lines.joined(separator: "\n")
    }

    @Test func theModelsScreenShowsTheVersionWaitingAndSaysWhy() throws {
        let waiting = try Self.frame(.models, pipeline: "b")
        let row = try #require(waiting.split(separator: "\n").first { $0.contains("b-lr") && $0.contains("v2") && $0.contains("serving") }, "\(waiting)")
        #expect(row.contains("waiting"), "\(row)")
        #expect(waiting.contains("not followed now: live windows are kept for"), "\(waiting)")
        #expect(waiting.contains("kept for 1 version (256"), "\(waiting)")
        #expect(waiting.contains("max_tracked_versions"), "\(waiting)")
        // The followed pipeline's version counts its records.
        let followed = try Self.frame(.models, pipeline: "a")
        let counted = try #require(followed.split(separator: "\n").first { $0.contains("a-lr") && $0.contains("v2") && $0.contains("serving") })
        #expect(!counted.contains("waiting") && counted.contains("100"), "\(counted)")
        #expect(!followed.contains("not followed now"))
    }

    @Test func theOverviewCountsThePipelinesWaitingAndTheirPSIReadsWait() throws {
        let screen = try Self.frame(.overview, pipeline: "a")
        #expect(screen.contains("1 waiting for live windows"), "\(screen)")
        let rows = screen.split(separator: "\n")
        let a = try #require(rows.first { $0.contains("│OK") && $0.contains(" a ") }, "\(screen)")
        let b = try #require(rows.first { $0.contains("│OK") && $0.contains(" b ") }, "\(screen)")
        #expect(!a.contains("wait") && b.contains("wait"), "\(a)\n\(b)")
    }

    @Test func theDriftScreenSaysWhichVersionsWait() throws {
        let screen = try Self.frame(.drift, pipeline: "b")
        #expect(screen.contains("b-lr v2: not followed now: live windows are kept for 1 version"), "\(screen)")
        #expect(screen.contains("1 version not followed now"), "the title says so too: \(screen)")
        #expect(try !Self.frame(.drift, pipeline: "a").contains("not followed now"))
    }
}
