import Foundation
import PipeTopCore
import PipeTopDemo
import PipeTopUI
import Synchronization

/// `pipetop-bench fleet [P [SHARDS]]`: the dashboard on a synthetic fleet of P pipelines (20 versions
/// and 10 instances each, metrics every second, 10 scored records per pipeline per second),
/// in a store of SHARDS shards (default 1; a Kafka dashboard has one per ingest worker),
/// its events written by Core's encoder and read by the ingest path. First a minute of event
/// time as fast as it goes (the windows fill), then `seconds` in real time while keys are
/// pressed on the Overview: ingest CPU per second of data, resident memory, snapshot and
/// frame times, keypress to frame (update, snapshot, render at 200×60), `/` and `G`.
struct FleetBenchmark {
    var pipelines: Int
    var shards = 1
    var seconds = 10
    /// Scored records per pipeline per second.
    static let scoredPerPipeline = 10
    static let warmupSeconds: Int64 = 60
    static let batchesPerSecond = 20

    /// What one fleet size measured, in milliseconds unless named otherwise.
    struct Figures {
        var pipelines = 0
        var cpuPerSecond = 0.0
        var residentMB = 0.0
        var snapshot = (p50: 0.0, p99: 0.0)
        var frame = (p50: 0.0, p99: 0.0)
        /// The key's and the new data's `Update.update` together.
        var update = (p50: 0.0, p99: 0.0)
        var keypress = (p50: 0.0, p99: 0.0)
        var filter = 0.0
        var bottom = 0.0
    }

    /// Runs every size in a process of its own (resident memory is the whole process's) and prints the table.
    static func table(sizes: [Int]) {
        print("fleet: P pipelines x 20 versions x 10 instances (metrics every second), \(scoredPerPipeline) scored/s per pipeline;")
        print("  ingest = decode + store CPU per second of data (alert evaluation included); frame = Overview 200x60;")
        print("  key = keypress to frame (update + snapshot + render) while ingesting in real time; ms unless named")
        print("  pipelines  ingest CPU/s   RSS MB   snapshot p50/p99   frame p50/p99   update p50/p99   key p50/p99   /filter key   G")
        fflush(nil)  // the header before the children's rows
        for size in sizes { PipeTopBench.runAlone(["fleet", String(size)]) }
    }

    func run() {
        let figures = measure()
        print(String(format: "  %9d  %10.3f s  %7.1f  %7.2f / %-7.2f  %6.2f / %-6.2f  %6.2f / %-6.2f  %5.1f / %-5.1f  %11.1f  %5.1f",
                     figures.pipelines, figures.cpuPerSecond, figures.residentMB, figures.snapshot.p50, figures.snapshot.p99,
                     figures.frame.p50, figures.frame.p99, figures.update.p50, figures.update.p99,
                     figures.keypress.p50, figures.keypress.p99, figures.filter, figures.bottom))
        guard pipelines >= 1_000 else { return }
        func verdict(_ name: String, _ value: Double, _ target: Double, _ unit: String) {
            print("    " + name.padding(toLength: 34, withPad: " ", startingAt: 0)
                  + String(format: "%8.2f %@ (target <= %.0f %@): ", value, unit, target, unit) + (value <= target ? "PASS" : "MISS"))
        }
        verdict("Overview frame at 200x60, p50", figures.frame.p50, 2, "ms")
        verdict("snapshot, p50", figures.snapshot.p50, 5, "ms")
        verdict("keypress to frame, p99", figures.keypress.p99, 50, "ms")
        verdict("resident memory", figures.residentMB, 160, "MB")
        verdict("/ filter keypress to frame", figures.filter, 50, "ms")
        verdict("G keypress to frame", figures.bottom, 50, "ms")
    }

    func measure() -> Figures {
        var figures = Figures(pipelines: pipelines)
        let store = PipelineStore(basis: .eventTime, shards: shards)
        var generator = FleetGenerator(pipelines: pipelines, scoredPerSecond: pipelines * Self.scoredPerPipeline)
        var feeder = Feeder(shards: shards)
        generator.lifecycle { feeder.add($0) }
        feeder.ingest(into: store)
        for second in 0..<Self.warmupSeconds {
            generator.second(second) { feeder.add($0) }
            feeder.ingest(into: store)
        }
        let cpuBefore = feeder.cpu
        // Real time: a second of events a second, in batches every 50 ms (as a source's polls
        // come), on a thread of its own.
        let stop = Mutex(false)
        let fed = Mutex((seconds: 0, cpu: 0.0))
        let thread = Thread { [generator, feeder] in
            var generator = generator, feeder = feeder
            let started = Date()
            var second = Self.warmupSeconds
            while !stop.withLock({ $0 }) {
                generator.second(second) { feeder.add($0) }
                for part in 0..<Self.batchesPerSecond {
                    let due = Double(second - Self.warmupSeconds) + Double(part) / Double(Self.batchesPerSecond) - Date().timeIntervalSince(started)
                    if due > 0 { usleep(UInt32(due * 1_000_000)) }
                    feeder.ingest(into: store, part: part, of: Self.batchesPerSecond)
                }
                feeder.clear()
                second += 1
                let cpu = feeder.cpu - cpuBefore
                fed.withLock { $0 = (Int(second - Self.warmupSeconds), cpu) }
            }
        }
        thread.start()
        let options = DashboardOptions(settings: EngineSettings(), keymap: try! Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                       fps: 30, timeRange: .oneMinute, readOnly: true, source: "bench")
        var state = options.initialState(size: (200, 60), colors: 256, nowMs: 0)
        let terminal = Terminal(backend: TestBackend(columns: 200, rows: 60))
        var snapshots: [Double] = [], frames: [Double] = [], updates: [Double] = []
        var keys: [Double] = [], filterKeys: [Double] = [], bottoms: [Double] = []
        // One keypress through the real update, a fresh snapshot read in, and the frame drawn:
        // wall time (waiting for the store's lock included); the parts in CPU time.
        func press(_ key: String) -> Double {
            let t0 = Date()
            var update = Stopwatch.time { _ = Update.update(.input(.key(Key(key))), &state, options) }
            var taken: StoreSnapshot?
            snapshots.append(Stopwatch.time { taken = store.snapshot() } * 1_000)
            update += Stopwatch.time { _ = Update.update(.data(ScreenData(snapshot: taken!, connection: "feeding")), &state, options) }
            updates.append(update * 1_000)
            frames.append(Stopwatch.time { _ = terminal.draw { Dashboard.render(state, options.view(state), into: &$0) } } * 1_000)
            return Date().timeIntervalSince(t0) * 1_000
        }
        let started = Date()
        var n = 0
        while Date().timeIntervalSince(started) < Double(seconds) {
            Thread.sleep(forTimeInterval: 0.03)
            n += 1
            switch n % 10 {
            case 0: bottoms.append(press("G"))
            case 5:
                // `/` and a name typed letter by letter, applied as typed; then esc twice clears it.
                keys.append(press("/"))
                for c in "fleet-9" { filterKeys.append(press(String(c))) }
                keys.append(press("enter"))
                keys.append(press("esc"))
            default: keys.append(press(n % 3 == 0 ? "k" : "j"))
            }
        }
        stop.withLock { $0 = true }
        while thread.isExecuting { usleep(10_000) }
        let done = fed.withLock { $0 }
        figures.cpuPerSecond = done.cpu / Double(max(1, done.seconds))
        figures.residentMB = Double(ResidentMemory.bytes()) / 1_048_576
        figures.snapshot = Self.percentiles(snapshots)
        figures.frame = Self.percentiles(frames)
        figures.update = Self.percentiles(updates)
        figures.keypress = Self.percentiles(keys + filterKeys + bottoms)
        figures.filter = Self.percentiles(filterKeys).p99
        figures.bottom = Self.percentiles(bottoms).p99
        return figures
    }

    static func percentiles(_ xs: [Double]) -> (p50: Double, p99: Double) {
        guard !xs.isEmpty else { return (0, 0) }
        let s = xs.sorted()
        return (s[s.count / 2], s[min(s.count - 1, s.count * 99 / 100)])
    }

    /// Encodes events as a producer would and feeds them through the ingest path, counting its CPU time.
    struct Feeder: Sendable {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var ingestor = MessageIngestor()
        /// For a store of several shards, the path of a Kafka ingest worker.
        var sharded: ShardedIngestor?
        /// Thread CPU seconds spent decoding and ingesting so far.
        var cpu = 0.0

        init(shards: Int) {
            sharded = shards > 1 ? ShardedIngestor(shards: shards) : nil
        }

        mutating func add(_ event: Event) {
            EventEncoder.encode(event, into: &bytes)
            ends.append(bytes.count)
        }

        mutating func clear() {
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }

        /// Ingests part `part` of `parts` of the events added, or all and clears them; the
    /// caller clears them after the last part.
        mutating func ingest(into store: PipelineStore, part: Int = 0, of parts: Int = 1) {
            let range = (ends.count * part / parts)..<(ends.count * (part + 1) / parts)
            var ingestor = self.ingestor
            var sharded = self.sharded
            let ends = self.ends
            cpu += Stopwatch.time {
                bytes.withUnsafeBytes { all in
                    func message(_ k: Int) -> UnsafeRawBufferPointer {
                        UnsafeRawBufferPointer(rebasing: all[(k == 0 ? 0 : ends[k - 1])..<ends[k]])
                    }
                    if sharded != nil {
                        for k in range { sharded?.add(message(k), source: "fleet") }
                        sharded?.flush(into: store)
                        return
                    }
                    store.withBatch { state, now in
                        for k in range {
                            _ = ingestor.ingest(message(k), into: &state, source: "fleet", arrivalMs: now)
                        }
                    }
                }
            }
            self.sharded = sharded
            self.ingestor = ingestor
            if parts == 1 { clear() }
        }
    }
}
