import PipeTopCore
@testable import PipeTopUI

/// A fixed store picture for screen tests: three pipelines, a candidate, drift, labels, an alert.
enum Fixtures {
    static let t0: Int64 = 1_764_000_000_000

    /// The pipelines `names`, each serving `model(name)`, the last with errors; scored records
    /// (the last one's drifting) only for the first three, which is all the screens show of them.
    static func snapshot(names: [String] = ["churn", "ctr", "fraud"], model: (String) -> String = { "\($0)-lr" }) -> StoreSnapshot {
        var settings = EngineSettings()
        settings.drift.referenceWindow = 400
        settings.drift.currentWindow = 400
        settings.drift.minMeaningful = 400
        var s = StoreState(settings: settings, basis: .eventTime)
        var rng = SplitMix64(seed: 5)
        for (n, name) in names.enumerated() {
            s.ingest(.model(ModelEvent(pipeline: name, tsMs: t0, model: model(name), version: 3, event: .promoted, cause: "c-1")), source: "models", arrivalMs: 0)
            s.ingest(.model(ModelEvent(pipeline: name, tsMs: t0 + 1_000, model: model(name), version: 4, event: .candidate, parent: 3)), source: "models", arrivalMs: 0)
            for t in Int64(0)...60 {
                let count = UInt64(t) * UInt64(1_000 * (n % 3 + 1))
                s.ingest(.metrics(MetricsEvent(
                    pipeline: name, tsMs: t0 + t * 1_000, instance: "scorer-1", stage: "score", recordsIn: count,
                    recordsOut: count, errors: name == names.last ? count / 20 : 0, lag: 120,
                    latencyLeUs: [1_000, 5_000, 20_000], latencyCounts: [count / 2, count, count, count],
                    serving: [ServingEntry(model: model(name), version: 3, role: .primary),
                              ServingEntry(model: model(name), version: 4, role: .shadow)])), source: "metrics", arrivalMs: 0)
            }
        }
        // Scored records of the three pipelines interleaved, as a shared topic delivers them.
        for i in 0..<1_000 {
            for name in names.prefix(3) {
                let shift = name == names.last && i >= 800 ? 0.5 : 0
                let score = min(1, Double(rng.next() % 1_000) / 2_000 + shift)
                s.ingest(scored: ScoredEvent(
                    pipeline: name, tsMs: t0 + 50_000 + Int64(i), key: "\(name)-\(i)", model: model(name), version: 3,
                    score: score, prediction: .number(score > 0.5 ? 1 : 0), label: .number(i % 3 == 0 ? 1 : 0),
                    latencyUs: 800, features: [NamedValue(name: "amount", value: Double(i % 100))]), source: "scored", arrivalMs: 0)
            }
        }
        // A recording read to its end.
        s.settle(arrivalMs: 0)
        return s.snapshot(arrivalMs: 0)
    }

    static func context(_ snapshot: StoreSnapshot, readOnly: Bool = false) throws -> ViewContext {
        ViewContext(snapshot: snapshot, theme: .defaultDark, keymap: try Keymap(readOnly: readOnly), settings: EngineSettings(),
                    source: "replay demo.ndjson", connection: "replay finished", nowMs: t0 + 61_000)
    }
}
