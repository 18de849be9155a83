import Foundation
import PipeTopCore
import Synchronization

/// Drives a `DemoPipeline` in real time: event time runs `speed` times faster than the wall
/// clock (or as fast as the machine allows at `.max`), messages go to a sink, commands come
/// from a control feed. Runs on a thread of its own or, for headless runs, on the caller's.
public final class DemoRunner: Sendable {
    /// How far a run got.
    public struct Progress: Sendable, Hashable {
        public var eventMs: Int64 = 0
        public var wallMs: Int64 = 0
        public var counters = DemoCounters()
        public var failure: String?
        public var finished = false
    }

    public let settings: DemoSettings
    public let speed: ReplaySpeed
    public let startMs: Int64
    private let sink: any EventSink
    private let control: (any ControlFeed)?
    private let clock: any WallClock
    private let stopped = Mutex(false)
    private let progressState = Mutex(Progress())
    /// Event time one loop iteration covers at most at `.max`, so batches stay moderate.
    private let maxStepMs: Int64 = 250

    public init(
        settings: DemoSettings, speed: ReplaySpeed, startMs: Int64, sink: any EventSink,
        control: (any ControlFeed)?, clock: any WallClock = SystemWallClock()
    ) {
        self.settings = settings
        self.speed = speed
        self.startMs = startMs
        self.sink = sink
        self.control = control
        self.clock = clock
    }

    public var progress: Progress { progressState.withLock { $0 } }

    public func stop() {
        stopped.withLock { $0 = true }
    }

    /// Starts `run` on a thread.
    public func start(durationMs: Int64? = nil) {
        let thread = Thread { [self] in self.run(durationMs: durationMs) }
        thread.name = "pipetop-demo"
        thread.start()
    }

    /// Runs until `stop()`, until `durationMs` of wall time have passed, or until the sink fails.
    public func run(durationMs: Int64? = nil) {
        var pipeline = DemoPipeline(settings: settings, startMs: startMs)
        var batch = MessageBatch()
        let wall0 = clock.nowMs()
        pipeline.start(into: &batch)
        var failure: String?
        func publish() -> Bool {
            guard !batch.isEmpty else { return true }
            do {
                try sink.publish(batch)
            } catch {
                failure = "\(error)"
                return false
            }
            batch.removeAll()
            return true
        }
        while publish() {
            let wall = clock.nowMs() - wall0
            if stopped.withLock({ $0 }) || durationMs.map({ wall >= $0 }) == true { break }
            control?.drain { pipeline.receiveControl($0, into: &batch) }
            let target: Int64
            switch speed {
            case .max: target = pipeline.nowMs + maxStepMs
            case .times(let x): target = startMs + Int64(Double(wall) * x)
            }
            if target > pipeline.nowMs {
                pipeline.advance(toMs: min(target, pipeline.nowMs + maxStepMs), into: &batch)
                let counters = pipeline.counters
                let now = pipeline.nowMs
                progressState.withLock {
                    $0.eventMs = now - self.startMs
                    $0.wallMs = wall
                    $0.counters = counters
                }
            } else if case .times(let x) = speed {
                let idleMs = min(50.0, max(2.0, Double(settings.tickMs) / x))
                usleep(UInt32(idleMs * 1_000))
            }
        }
        _ = publish()
        try? sink.flush()
        let counters = pipeline.counters
        let now = pipeline.nowMs
        let wall = clock.nowMs() - wall0
        progressState.withLock {
            $0.eventMs = now - self.startMs
            $0.wallMs = wall
            $0.counters = counters
            $0.failure = failure
            $0.finished = true
        }
    }
}
