import PipeTopCore
import PipeTopUI

/// Time per frame of the overview and models screens at 200×60 with 50 pipelines and 200
/// model versions, rendered into the buffer and diffed against the previous frame.
struct RenderBenchmark {
    let snapshot: StoreSnapshot

    init() {
        var settings = EngineSettings()
        settings.drift.referenceWindow = 500
        settings.drift.currentWindow = 500
        var s = StoreState(settings: settings, basis: .eventTime)
        var rng = SplitMix64(seed: 3)
        for p in 0..<50 {
            let name = "pipeline-\(p)"
            for v in 1...4 {
                s.ingest(.model(ModelEvent(pipeline: name, tsMs: Int64(v), model: "m\(p)", version: v,
                                           event: v == 3 ? .promoted : .candidate)), source: "models", arrivalMs: 0)
            }
            for t in Int64(0)...60 {
                s.ingest(.metrics(MetricsEvent(pipeline: name, tsMs: t * 1000, instance: "i", recordsIn: UInt64(t) * 1_000,
                                               latencyLeUs: [1_000, 10_000], latencyCounts: [UInt64(t) * 500, UInt64(t) * 1_000, UInt64(t) * 1_000])),
                         source: "metrics", arrivalMs: 0)
            }
            for i in 0..<600 {
                s.ingest(scored: ScoredEvent(pipeline: name, tsMs: 59_000 + Int64(i), key: "\(p)-\(i)", model: "m\(p)",
                                             version: 3 + i % 2, role: i % 2 == 0 ? .primary : .shadow,
                                             score: Double(rng.next() % 1_000) / 1_000, latencyUs: 500,
                                             features: [NamedValue(name: "x", value: Double(i % 50))]), source: "scored", arrivalMs: 0)
            }
        }
        snapshot = s.snapshot(arrivalMs: 0)
    }

    /// Milliseconds per frame (CPU time), averaged over `frames`.
    func millisecondsPerFrame(_ screen: Screen, frames: Int = 200) -> Double {
        let ctx: ViewContext
        do {
            ctx = ViewContext(snapshot: snapshot, theme: .defaultDark, keymap: try Keymap(), settings: EngineSettings(),
                              source: "bench", connection: "connected", nowMs: 0)
        } catch {
            return .nan
        }
        var state = AppState()
        state.screen = screen
        state.pipeline = "pipeline-7"
        let backend = TestBackend(columns: 200, rows: 60)
        let terminal = Terminal(backend: backend)
        let seconds = Stopwatch.time {
            for i in 0..<frames {
                // Move the selection so consecutive frames differ, as they do when data flows.
                state.selection[screen] = i % 40
                _ = terminal.draw { buffer in Dashboard.render(state, ctx, into: &buffer) }
            }
        }
        return seconds * 1000 / Double(frames)
    }
}
