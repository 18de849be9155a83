import Foundation
import PipeTopCore
import PipeTopDemo
import PipeTopKafka
import Synchronization

/// The dashboard's source for `pipetop demo --kafka`: runs the demo pipeline on its own thread,
/// writing to the cluster, and reads the cluster back with a `KafkaSource`, exactly as a
/// second `pipetop --brokers` in another terminal does.
final class KafkaDemoSource: EventSource {
    let runner: DemoRunner
    let source: KafkaSource
    private let started = Mutex(false)

    init(runner: DemoRunner, source: KafkaSource) {
        self.runner = runner
        self.source = source
    }

    var name: String { "demo over \(source.name)" }

    /// The pipeline's failure first (it stops producing), else the cluster's connection.
    var status: SourceStatus {
        let p = runner.progress
        if let failure = p.failure { return SourceStatus("demo stopped: \(failure)", .critical) }
        let s = source.status
        return SourceStatus("\(s.text), demo t+\(Format.duration(ms: p.eventMs))", s.health)
    }

    /// Commands go to the control topic, where the pipeline's controller reads them.
    var controlSink: (any ControlSink)? { source.controlSink }

    func start(into store: PipelineStore) throws {
        try source.start(into: store)
        started.withLock { $0 = true }
        runner.start()
    }

    /// Stops reading and the pipeline, giving it up to 5 s to deliver what it produced.
    func stop() {
        source.stop()
        runner.stop()
        guard started.withLock({ $0 }) else { return }
        let deadline = SystemWallClock().nowMs() + 5_000
        while !runner.progress.finished && SystemWallClock().nowMs() < deadline { usleep(20_000) }
    }
}
