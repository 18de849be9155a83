import Foundation
import PipeTopCore
import PipeTopUI

/// `pipetop-bench [all|decode|formats|schema-cache|avro-file|mapped|ingest|snapshot|render|tail-screen|demo|fleet|soak|longrun|parallel|kafka-ingest]`: performance figures as ratios against baselines measured in the same run.
@main
enum PipeTopBench {
    static func main() {
        MallocArenas.useOne()
        let args = CommandLine.arguments.dropFirst()
        let which = args.first ?? "all"
        switch which {
        case "decode": decode(count: Int(args.dropFirst().first ?? "") ?? 1_000_000)
        case "formats":
            // `formats DIR [avro|protobuf]`: the files scripts/bench-decode writes with fastavro and
            // protoc's classes; with a format, only its decoder into JSON, longer, to profile.
            FormatDecodeBenchmark(directory: args.dropFirst().first ?? ".", only: args.dropFirst(2).first).run()
        case "schema-cache":
            let rest = Array(args.dropFirst())
            guard rest.count == 2, let count = Int(rest[1]), count > 0 else {
                FileHandle.standardError.write(Data("usage: pipetop-bench schema-cache URL N\n".utf8))
                exit(64)
            }
            SchemaCacheBenchmark.run(url: rest[0], count: count)
        case "avro-file":
            // `avro-file DATA SCHEMA`: length-prefixed datums (scripts/avro-c-compare writes them).
            let rest = Array(args.dropFirst())
            guard rest.count == 2 else {
                FileHandle.standardError.write(Data("usage: pipetop-bench avro-file DATA SCHEMA\n".utf8))
                exit(64)
            }
            FormatDecodeBenchmark.avroFile(data: rest[0], schema: rest[1])
        case "mapped":
            // `mapped [N]`: (e) of `decode` alone, to profile.
            let rate = MappedIngestBenchmark(corpus: ScoredCorpus(count: Int(args.dropFirst().first ?? "") ?? 1_000_000)).run().rate
            print(String(format: "mapped JSON: read+map+store %.0f records/s", rate))
        case "parallel":
            let rest = Array(args.dropFirst())
            ParallelIngestBenchmark(count: Int(rest.first ?? "") ?? 1_000_000)
                .run(workers: Int(rest.dropFirst().first ?? "") ?? max(2, ProcessInfo.processInfo.activeProcessorCount))
        case "render": render()
        case "tail-screen": TailScreenBenchmark(filter: args.dropFirst().first).run()
        case "demo": DemoBenchmark(seconds: Double(args.dropFirst().first ?? "") ?? 20).run()
        case "fleet":
            // `fleet`: 1, 10, 100 and 1,000 pipelines, each in a process of its own; `fleet P`: one size.
            if let size = args.dropFirst().first.flatMap({ Int($0) }) {
                FleetBenchmark(pipelines: size, shards: args.dropFirst(2).first.flatMap { Int($0) } ?? 1).run()
            } else {
                FleetBenchmark.table(sizes: [1, 10, 100, 1_000])
            }
        case "all":
            // Each in a process of its own: resident memory is a whole process's, so what one
            // benchmark left on the heap would count against the next one's target.
            for part in [["decode"], ["render"], ["demo"], ["tail-screen"], ["tail-screen", "score > 0.9 and has(label)"], ["fleet"], ["parallel"]] {
                runAlone(part)
            }
        case "ingest":
            // Only (b), for profiling the hot path.
            let bench = DecodeBenchmark(corpus: ScoredCorpus(count: Int(args.dropFirst().first ?? "") ?? 1_000_000))
            print(String(format: "decode + ingest: %.0f records/s", bench.decodeAndIngest().rate))
            print(String(format: "ingest alone:    %.0f records/s", bench.ingestOnly()))
        case "snapshot":
            // How long store.snapshot() holds the store's lock with six live versions, full
            // quality windows and 10,000 new records before each: what a UI frame costs the feeder.
            let corpus = ScoredCorpus(count: 100_000)
            let store = PipelineStore(basis: .eventTime)
            var ingestor = MessageIngestor()
            var held: [Double] = []
            corpus.bytes.withUnsafeBytes { all in
                for round in 0..<300 {
                    store.withBatch { state, now in
                        for k in 0..<10_000 {
                            let r = corpus.ranges[(round * 10_000 + k) % corpus.ranges.count]
                            ingestor.ingest(UnsafeRawBufferPointer(rebasing: all[r]), into: &state, source: "bench", arrivalMs: now)
                        }
                    }
                    held.append(Stopwatch.time { _ = store.snapshot() } * 1000)
                }
            }
            held.sort()
            print(String(format: "snapshot (CPU time under the lock): p50 %.3f ms  p90 %.3f ms  max %.3f ms", held[held.count / 2], held[held.count * 9 / 10], held.last!))
        case "longrun":
            let rest = args.dropFirst()
            LongRunBenchmark(hours: Int(rest.first ?? "") ?? 24, ratePerSecond: Double(rest.dropFirst().first ?? "") ?? 25).run()
        case "soak": Soak(events: Int(args.dropFirst().first ?? "") ?? 10_000_000).run()
        case "kafka-ingest":
            let rest = Array(args.dropFirst())
            var properties = rest.dropFirst(3).compactMap { try? PropertyAssignment(parsing: $0) }
            guard rest.count >= 3, let count = UInt64(rest[2]), properties.count == rest.count - 3 else {
                FileHandle.standardError.write(Data("usage: pipetop-bench kafka-ingest BROKERS TOPIC COUNT [ingest_threads=N] [KEY=VALUE…]\n".utf8))
                exit(64)
            }
            let threads = properties.last { $0.key == "ingest_threads" }.flatMap { Int($0.value) } ?? 1
            properties.removeAll { $0.key == "ingest_threads" }
            KafkaIngestBenchmark.run(
                brokers: rest[0], topic: rest[1], count: count, threads: threads,
                properties: Dictionary(properties.map { ($0.key, $0.value) }) { _, new in new })
        default:
            FileHandle.standardError.write(Data("usage: pipetop-bench [all | decode [N] | protobuf [N] | avro [N | FILE] | ingest [N] | snapshot | render | demo [SECONDS] | fleet [PIPELINES [SHARDS]] | tail-screen [FILTER] | soak [N] | longrun [HOURS] [RATE] | parallel [N] [WORKERS] | kafka-ingest BROKERS TOPIC COUNT [ingest_threads=N] [KEY=VALUE…]]\n".utf8))
            exit(64)
        }
    }

    /// Runs this program again with `arguments`, its output going where ours goes.
    static func runAlone(_ arguments: [String]) {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let child = Process()
        child.executableURL = URL(fileURLWithPath: me)
        child.arguments = arguments
        do {
            try child.run()
            child.waitUntilExit()
        } catch {
            FileHandle.standardError.write(Data("pipetop-bench: cannot run \(me) \(arguments.joined(separator: " ")): \(error)\n".utf8))
            exit(1)
        }
        if child.terminationStatus != 0 { exit(child.terminationStatus) }
    }

    static func render() {
        let bench = RenderBenchmark()
        print("render: 200x60 frame, 50 pipelines, 200 model versions, into the buffer and diffed (budget 2 ms)")
        for screen in [Screen.overview, .models, .drift, .pipeline] {
            let ms = bench.millisecondsPerFrame(screen)
            print("  " + screen.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(format: "%7.3f ms/frame   %.2fx the budget", ms, ms / 2))
        }
    }

    static func decode(count: Int) {
        let corpus = ScoredCorpus(count: count)
        print(String(format: "decode+ingest: %d scored records, %.0f bytes on average, e.g.", count, corpus.averageSize))
        if let first = corpus.ranges.first { print("  " + String(decoding: corpus.bytes[first], as: UTF8.self)) }
        let bench = DecodeBenchmark(corpus: corpus)
        let fast = Stopwatch.median(runs: 3) { bench.fastDecode() }
        let ingest = Stopwatch.median(runs: 3) { bench.decodeAndIngest().rate }
        let foundation = Stopwatch.median(runs: 3) { bench.foundationDecode() }
        let mapped = Stopwatch.median(runs: 3) { MappedIngestBenchmark(corpus: corpus).run().rate }
        func line(_ name: String, _ rate: Double) {
            print("  " + name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: " %12.0f records/s", rate))
        }
        line("(a) fast decoder", fast)
        line("(b) fast decoder + store ingest", ingest)
        line("(c) Foundation JSONDecoder", foundation)
        print(String(format: "  ratio (a)/(c) %.2fx   (b)/(c) %.2fx", fast / foundation, ingest / foundation)
            + "   target (b) >= 1,000,000 records/s: " + (ingest >= 1_000_000 ? "met" : "MISSED"))
        line("(e) mapped JSON: read+map+store", mapped)
        print(String(format: "  ratio (e)/(b) %.2f   target >= 0.60: ", mapped / ingest) + (mapped >= 0.6 * ingest ? "met" : "MISSED"))
    }
}
