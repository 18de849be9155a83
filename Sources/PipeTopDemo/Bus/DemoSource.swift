import Foundation
import PipeTopCore
import Synchronization

/// The dashboard's source for `pipetop demo`: runs the embedded pipeline and reads its bus
/// into the store through the same ingest path as every other source.
public final class DemoSource: EventSource {
    public let bus: DemoBus
    public let runner: DemoRunner
    private let stopped = Mutex(false)

    public init(settings: DemoSettings, speed: ReplaySpeed, startMs: Int64, clock: any WallClock = SystemWallClock()) {
        bus = DemoBus()
        runner = DemoRunner(settings: settings, speed: speed, startMs: startMs, sink: bus, control: bus, clock: clock)
    }

    public var name: String {
        let n = runner.settings.pipelines.count
        return "demo: \(Format.counted(n, "pipeline")) at \(runner.speed)"
    }

    public var status: SourceStatus {
        let p = runner.progress
        if let failure = p.failure { return SourceStatus("demo stopped: \(failure)", .critical) }
        return SourceStatus("demo running, t+\(Format.duration(ms: p.eventMs))")
    }

    /// Commands go through the bus to the pipeline's controller.
    public var controlSink: (any ControlSink)? { bus }

    public func start(into store: PipelineStore) throws {
        runner.start()
        let thread = Thread { [self] in self.read(into: store) }
        thread.name = "pipetop-demo-reader"
        thread.start()
    }

    public func stop() {
        stopped.withLock { $0 = true }
        runner.stop()
        bus.close()
    }

    /// Moves everything on the bus into the store, until stopped.
    private func read(into store: PipelineStore) {
        var ingestor = MessageIngestor()
        while !stopped.withLock({ $0 }) {
            let batches = bus.take()
            if batches.isEmpty {
                usleep(10_000)
                continue
            }
            // A lock per batch, so the screen gets its turn however far behind the store is.
            for batch in batches {
                store.withBatch { state, now in
                    batch.forEach { _, _, value in _ = ingestor.ingest(value, into: &state, source: "demo", arrivalMs: now) }
                }
            }
        }
    }
}
