import Foundation
import PipeTopCore

/// `pipetop-bench soak`: millions of mixed events with many keys and versions; resident memory must stay flat.
struct Soak {
    var events = 10_000_000
    var distinctKeys = 100_000
    var versions = 1_000

    func run() {
        let store = PipelineStore(basis: .eventTime)
        var rng = SplitMix64(seed: 7)
        let pipelines = (0..<8).map { "pipeline-\($0)" }
        var counters = [UInt64](repeating: 0, count: pipelines.count * 4)
        print("soak: \(events) events, \(distinctKeys) keys, \(versions) versions")
        print("      events          rss    store bytes    elapsed")
        let started = Date()
        var rssAtTenth = 0
        let step = events / 10
        var i = 0
        while i < events {
            let end = min(i + 10_000, events)
            store.withBatch { state, now in
                for n in i..<end {
                    let p = n % pipelines.count
                    let ts = 1_764_000_000_000 + Int64(n / 100)
                    let version = 1 + (n / (events / versions + 1)) % versions
                    let model = "model-\(p % 3)"
                    switch n % 50 {
                    case 0:
                        let inst = p * 4 + Int(rng.next() % 4)
                        counters[inst] += 5_000
                        state.ingest(.metrics(MetricsEvent(
                            pipeline: pipelines[p], tsMs: ts, instance: "i\(inst % 4)", stage: "score",
                            recordsIn: counters[inst], recordsOut: counters[inst], errors: counters[inst] / 1_000,
                            lag: Int64(rng.next() % 1_000), latencyLeUs: [500, 1_000, 5_000, 10_000],
                            latencyCounts: [counters[inst] / 2, counters[inst] * 3 / 4, counters[inst], counters[inst], counters[inst]],
                            serving: [ServingEntry(model: model, version: version, role: .primary)])), source: "metrics", arrivalMs: now)
                    case 1:
                        state.ingest(.model(ModelEvent(
                            pipeline: pipelines[p], tsMs: ts, model: model, version: version,
                            event: [.published, .candidate, .promoted][Int(rng.next() % 3)], parent: version - 1)),
                                     source: "models", arrivalMs: now)
                    case 2..<10:
                        state.ingest(.label(LabelEvent(
                            pipeline: pipelines[p], tsMs: ts, key: "k\(rng.next() % UInt64(distinctKeys))",
                            label: .number(Double(rng.next() % 2)))), source: "labels", arrivalMs: now)
                    default:
                        let score = Double(rng.next() % 10_000) / 10_000
                        state.ingest(scored: ScoredEvent(
                            pipeline: pipelines[p], tsMs: ts, key: "k\(rng.next() % UInt64(distinctKeys))",
                            model: model, version: version, role: n % 3 == 0 ? .shadow : .primary, score: score,
                            prediction: .number(score > 0.5 ? 1 : 0), latencyUs: Double(rng.next() % 5_000),
                            features: [NamedValue(name: "f\(n % 4)", value: score * 10)]), source: "scored", arrivalMs: now)
                    }
                }
            }
            i = end
            if i % step == 0 || i == events {
                let snap = store.snapshot()
                let rss = ResidentMemory.bytes()
                if i == step { rssAtTenth = rss }
                let rssText = ResidentMemory.megabytes()
                print(String(format: "%12d ", i) + String(repeating: " ", count: max(0, 12 - rssText.count)) + rssText
                    + String(format: " %14d %9.1fs", snap.approximateBytes, Date().timeIntervalSince(started)))
            }
        }
        let growth = Double(ResidentMemory.bytes() - rssAtTenth) / 1_048_576
        print(String(format: "resident growth after the first 10%%: %.1f MB", growth))
    }
}
