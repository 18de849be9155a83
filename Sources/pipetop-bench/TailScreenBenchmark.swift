import Foundation
import PipeTopCore
import PipeTopUI
import Synchronization

/// `pipetop-bench tail-screen`: the Tail screen while an in-memory source feeds the store a
/// million scored records a second (no broker on two cores can): how long a keypress takes
/// to reach a redrawn frame (update, snapshot, render), against the 100 ms target, and
/// resident memory (target < 64 MB). With a filter, the screen reads its own filtered view
/// fed on the ingest path, as the dashboard does.
struct TailScreenBenchmark {
    var seconds: Double = 10
    var targetRate: Double = 1_000_000
    var filter: String?

    func run() {
        let corpus = ScoredCorpus(count: 100_000)
        let corpusMB = Double(corpus.bytes.count + corpus.ranges.count * 16) / 1_048_576
        let store = PipelineStore(basis: .eventTime)
        let recordFilter = filter.map { try! RecordFilter(parsing: $0) }
        let view = recordFilter.map { FilteredTail(filter: $0, pipeline: nil, limits: StoreLimits()) }
        if let view { store.addScoredObserver(view) }
        let stop = Mutex(false)
        // Records fed and the feeder thread's CPU seconds so far: on a shared machine wall
        // time also counts other processes, CPU time does not.
        let ingested = Mutex((records: 0, cpu: 0.0))
        let feeder = Thread {
            var ingestor = MessageIngestor()
            let started = Date()
            let cpuStarted = Stopwatch.threadCPU()
            var n = 0
            corpus.bytes.withUnsafeBytes { all in
                while !stop.withLock({ $0 }) {
                    let ahead = Double(n) / targetRate - Date().timeIntervalSince(started)
                    if ahead > 0.002 { usleep(UInt32(ahead * 1_000_000)) }
                    store.withBatch { state, now in
                        for k in 0..<10_000 {
                            let r = corpus.ranges[(n + k) % corpus.ranges.count]
                            _ = ingestor.ingest(UnsafeRawBufferPointer(rebasing: all[r]), into: &state, source: "bench", arrivalMs: now)
                        }
                    }
                    n += 10_000
                    let cpu = Stopwatch.threadCPU() - cpuStarted
                    ingested.withLock { $0 = (n, cpu) }
                }
            }
        }
        feeder.start()
        let options = DashboardOptions(settings: EngineSettings(), keymap: try! Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                       fps: 30, timeRange: .oneMinute, readOnly: true, source: "bench")
        var state = options.initialState(size: (200, 60), colors: 256, nowMs: 0)
        state.screen = .tail
        state.tailFilter = recordFilter
        var buffer = Buffer(width: 200, height: 60)
        var latencies: [Double] = []
        var peak = 0
        let started = Date()
        while Date().timeIntervalSince(started) < seconds {
            Thread.sleep(forTimeInterval: 0.05)
            let t0 = Date()
            var data = ScreenData(snapshot: store.snapshot(), connection: "feeding")
            data.tailView = view?.newest()
            _ = Update.update(.data(data), &state, options)
            _ = Update.update(.input(.key(Key(latencies.count % 2 == 0 ? "j" : "G"))), &state, options)
            buffer.reset()
            Dashboard.render(state, options.view(state), into: &buffer)
            latencies.append(Date().timeIntervalSince(t0) * 1_000)
            peak = max(peak, ResidentMemory.bytes())
        }
        stop.withLock { $0 = true }
        let elapsed = Date().timeIntervalSince(started)
        let fed = ingested.withLock { $0 }
        let rate = Double(fed.records) / elapsed
        latencies.sort()
        let p50 = latencies[latencies.count / 2], p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        print(String(format: "tail screen%@: store fed %.0f scored records/s (target %.0f) for %.0f s",
                     filter.map { " filtered by '\($0)'" } ?? "", rate, targetRate, elapsed))
        print(String(format: "  feeder: %.0f records per CPU second (decode + ingest under the lock, while snapshots take it)",
                     Double(fed.records) / max(fed.cpu, 1e-9)))
        print(String(format: "  keypress to redrawn frame (update + snapshot + render, 200x60): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                     p50, p99, latencies.last ?? 0) + "   target < 100 ms: " + (p99 < 100 ? "met" : "MISSED"))
        print(String(format: "  peak resident memory %.1f MB (%.1f MB of it the in-memory corpus, 100,000 records cycled)", Double(peak) / 1_048_576, corpusMB)
              + "   target < 64 MB: " + (peak < 64 << 20 ? "met" : "MISSED"))
    }
}
