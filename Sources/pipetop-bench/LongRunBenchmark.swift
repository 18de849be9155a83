import Foundation
import PipeTopCore
import PipeTopDemo

/// `pipetop-bench longrun [HOURS] [RATE]`: the embedded demo pipeline (8 pipelines retraining
/// every minute of pipeline time, candidates promoted by themselves) fed into a store on this
/// thread as fast as it runs, with resident memory and the store's own accounting at each hour
/// of pipeline time. Target: under 80 MB, flat after the first hour (less than 10 % more at the
/// end than at hour 1).
///
/// What grows with a long run is the version history, not the record volume, so the scored rate
/// is low (RATE records/s per pipeline, 25 by default; the windows that fill with records —
/// drift, label join, tail — have fixed capacities). What an hour of pipeline time costs then is
/// mostly the store's evaluation of every live drift window once a second, as the dashboard does:
/// about a minute of CPU, so a day is `make longrun`, not part of `make bench`.
struct LongRunBenchmark {
    var hours = 24
    var ratePerSecond = 25.0

    static let limitMB = 80.0
    static let growthLimit = 0.10

    func run() {
        let settings = DemoSettings(
            pipelines: PipelineSpec.defaults(count: 8, driftAtMs: DemoSettings.defaultDriftAtMs),
            ratePerSecond: ratePerSecond, autoPromote: true)
        let startMs: Int64 = 1_800_000_000_000
        var pipeline = DemoPipeline(settings: settings, startMs: startMs)
        var state = StoreState(basis: .eventTime)
        var ingestor = MessageIngestor()
        var batch = MessageBatch()
        pipeline.start(into: &batch)
        print("longrun: \(settings.pipelines.count) pipelines, \(Int(ratePerSecond)) scored records/s each, "
              + "retraining every \(settings.retrainIntervalMs / 1_000) s, \(hours) h of pipeline time")
        // heap: what malloc has handed out and not had back; rss less heap is mostly the heap's
        // free holes between long-lived blocks (and code), which no accounting of the store sees.
        print("   hour   versions        rss       heap    store bytes   wall")
        let started = Date()
        // The dashboard holds the latest snapshot between frames; so does this, once a minute.
        var snapshot = state.snapshot(arrivalMs: startMs)
        var rss: [Int: Double] = [:]
        for hour in 1...max(1, hours) {
            for minute in 0..<60 {
                let endMs = startMs + Int64((hour - 1) * 60 + minute + 1) * 60_000
                while pipeline.nowMs < endMs {
                    pipeline.advance(toMs: min(endMs, pipeline.nowMs + 1_000), into: &batch)
                    batch.forEach { _, _, value in
                        _ = ingestor.ingest(value, into: &state, source: "demo", arrivalMs: pipeline.nowMs)
                    }
                    batch.removeAll()
                }
                snapshot = state.snapshot(arrivalMs: pipeline.nowMs)
            }
            let versions = snapshot.pipelines.reduce(0) { n, p in n + p.models.reduce(0) { $0 + $1.versions.count } }
            rss[hour] = Double(ResidentMemory.bytes()) / 1_048_576
            print(String(format: "  %5d %10d %8.1f MB %7.1f MB %14d %5.0fs", hour, versions, rss[hour] ?? 0,
                         Double(MallocArenas.bytesInUse()) / 1_048_576, snapshot.approximateBytes,
                         Date().timeIntervalSince(started)))
            fflush(nil)  // hour by hour, also into a file (nil: every stream, without naming the global)
        }
        let published = pipeline.counters.versionsPublished
        print("  \(published) versions published, \(pipeline.counters.scored) scored records")
        guard let first = rss[1], let last = rss[max(1, hours)], let peak = rss.values.max() else { return }
        let growth = (last - first) / first
        let met = peak < Self.limitMB && growth < Self.growthLimit
        print(String(format: "  peak %.1f MB (target < %.0f MB); hour 1 to hour %d: %+.1f %% (target < %+.0f %%): ",
                     peak, Self.limitMB, max(1, hours), growth * 100, Self.growthLimit * 100) + (met ? "PASS" : "MISS"))
    }
}
