import Foundation
import PipeTopCore
import Synchronization

/// The dashboard's source for `pipetop demo --fleet N`: a synthetic fleet (`FleetGenerator`)
/// read into the store in real time, each second's events in batches every 50 ms, to see the
/// dashboard with hundreds of pipelines. Its pipelines are light: they obey no commands.
public final class FleetSource: EventSource {
    public let pipelines: Int
    private let startMs: Int64
    private let stopped = Mutex(false)
    /// Seconds of event time delivered so far.
    private let delivered = Mutex<Int64>(0)

    /// Scored records per pipeline per second.
    public static let scoredPerPipeline = 10
    static let batchesPerSecond = 20

    public init(pipelines: Int, startMs: Int64) {
        self.pipelines = pipelines
        self.startMs = startMs
    }

    public var name: String { "fleet: " + Format.counted(pipelines, "pipeline") }

    public var status: SourceStatus {
        SourceStatus("fleet running, t+\(Format.duration(ms: delivered.withLock { $0 } * 1_000))")
    }

    public func start(into store: PipelineStore) throws {
        let generator = FleetGenerator(pipelines: pipelines, scoredPerSecond: pipelines * Self.scoredPerPipeline, startMs: startMs)
        let thread = Thread { [self] in self.feed(generator, into: store) }
        thread.name = "pipetop-fleet"
        thread.start()
    }

    public func stop() {
        stopped.withLock { $0 = true }
    }

    /// The lifecycle at once, then a second of events a second until stopped.
    private func feed(_ generator: FleetGenerator, into store: PipelineStore) {
        var generator = generator
        var events: [Event] = []
        generator.lifecycle { events.append($0) }
        ingest(events[...], into: store)
        let started = Date()
        var second: Int64 = 0
        while !stopped.withLock({ $0 }) {
            events.removeAll(keepingCapacity: true)
            generator.second(second) { events.append($0) }
            let n = Self.batchesPerSecond
            for part in 0..<n where !stopped.withLock({ $0 }) {
                let due = Double(second) + Double(part) / Double(n) - Date().timeIntervalSince(started)
                if due > 0 { usleep(UInt32(due * 1_000_000)) }
                ingest(events[(events.count * part / n)..<(events.count * (part + 1) / n)], into: store)
            }
            second += 1
            delivered.withLock { $0 = second }
        }
    }

    private func ingest(_ events: ArraySlice<Event>, into store: PipelineStore) {
        store.withBatch { state, now in
            for e in events { state.ingest(e, source: "fleet", arrivalMs: now) }
        }
    }
}
