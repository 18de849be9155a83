import Foundation
import PipeTopCore
import PipeTopDemo

/// `pipetop-bench demo`: (a) the demo pipeline alone, unpaced on one core, in scored records
/// per CPU second (target ≥ 200,000); (b) the same pipeline feeding the dashboard's store
/// through the bus on its threads, with resident memory sampled as it runs (must stay flat).
struct DemoBenchmark {
    var seconds: Double = 20

    func run() {
        let settings = DemoSettings()
        print("demo: \(settings.pipelines.count) pipelines (\(settings.pipelines.map { "\($0.name) \($0.strategy.rawValue)" }.joined(separator: ", "))), unpaced")
        let runs = (0..<3).map { _ in pipelineAlone(settings, eventSeconds: 300) }.sorted { $0.scored < $1.scored }
        let alone = runs[1]
        print(String(format: "  (a) pipeline alone, one core       %10.0f scored records/s (median of 3)", alone.scored)
              + "   target >= 200,000: " + (alone.scored >= 200_000 ? "met" : "MISSED"))
        print(String(format: "      with shadow scores and labels  %10.0f messages/s, %.1f MB/s of JSON", alone.messages, alone.megabytes))
        withDashboard(settings, alone: alone.scored)
    }

    /// Runs `eventSeconds` of pipeline time; rates per CPU second of this thread.
    private func pipelineAlone(_ settings: DemoSettings, eventSeconds: Int64) -> (scored: Double, messages: Double, megabytes: Double) {
        var pipeline = DemoPipeline(settings: settings, startMs: 1_800_000_000_000)
        var batch = MessageBatch()
        pipeline.start(into: &batch)
        var messages = 0, bytes = 0
        let cpu = Stopwatch.time {
            while pipeline.nowMs < 1_800_000_000_000 + eventSeconds * 1_000 {
                batch.removeAll()
                pipeline.advance(toMs: pipeline.nowMs + 250, into: &batch)
                messages += batch.count
                bytes += batch.byteCount
            }
        }
        let scored = Double(pipeline.counters.scored)
        return (scored / cpu, Double(messages) / cpu, Double(bytes) / cpu / 1_048_576)
    }

    private func withDashboard(_ settings: DemoSettings, alone: Double) {
        let store = PipelineStore(settings: EngineSettings(), basis: .eventTime)
        let source = DemoSource(settings: settings, speed: .max, startMs: 1_800_000_000_000)
        do {
            try source.start(into: store)
        } catch {
            print("  (b) could not start: \(error)")
            return
        }
        print("  (b) pipeline -> bus -> store on their threads, \(Int(seconds)) s wall:")
        print("        wall   pipeline time       scored      rss")
        let started = Date()
        var samples: [Int] = []
        var lastScored = 0
        while Date().timeIntervalSince(started) < seconds {
            Thread.sleep(forTimeInterval: seconds / 10)
            let p = source.runner.progress
            samples.append(ResidentMemory.bytes())
            lastScored = p.counters.scored
            print(String(format: "      %5.1fs ", Date().timeIntervalSince(started))
                  + Format.duration(ms: p.eventMs).leftPadded(14) + String(format: " %12d ", p.counters.scored)
                  + ResidentMemory.megabytes().leftPadded(9))
        }
        source.stop()
        let wall = Date().timeIntervalSince(started)
        let snapshot = store.snapshot()
        let rate = Double(lastScored) / wall
        let ingested = snapshot.pipelines.reduce(0) { $0 + $1.versions.reduce(0) { $0 + Int($1.scoredCount) } }
        print(String(format: "      %.0f scored records/s with the dashboard ingesting (%.2fx the pipeline alone; %d primary and shadow scored events reached the store)",
                     rate, rate / alone, ingested))
        if let first = samples.dropFirst(samples.count / 5).first, let last = samples.last {
            print(String(format: "      rss %.1f MB after 20%% of the run, %.1f MB at the end (%+.1f MB)",
                         Double(first) / 1_048_576, Double(last) / 1_048_576, Double(last - first) / 1_048_576))
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
