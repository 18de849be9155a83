import PipeTopCore
@testable import PipeTopDemo

/// The demo pipeline driven step by step in event time, its messages ingested into a store
/// whose clock follows the pipeline: the whole path of `pipetop demo`, without threads.
struct DemoHarness {
    static let startMs: Int64 = 1_800_000_000_000
    var pipeline: DemoPipeline
    let clock = ManualWallClock(nowMs: DemoHarness.startMs)
    let store: PipelineStore
    private var ingestor = MessageIngestor()
    private var batch = MessageBatch()
    /// Every message that was not a scored record or a label, decoded.
    private(set) var events: [Event] = []
    /// Messages the store could not decode.
    private(set) var undecodable = 0

    init(_ settings: DemoSettings) {
        pipeline = DemoPipeline(settings: settings, startMs: Self.startMs)
        store = PipelineStore(settings: EngineSettings(), basis: .eventTime, clock: clock)
        pipeline.start(into: &batch)
        deliver()
    }

    /// Event time since the start.
    var elapsedMs: Int64 { pipeline.nowMs - Self.startMs }

    /// Runs the pipeline until `seconds` after the start.
    mutating func run(until seconds: Double) {
        let target = Self.startMs + Int64(seconds * 1_000)
        while pipeline.nowMs < target {
            pipeline.advance(toMs: min(target, pipeline.nowMs + 1_000), into: &batch)
            deliver()
        }
    }

    /// Sends `command` the way the bus does (as a control-topic message), and delivers the answer.
    mutating func send(_ command: ControlCommand) {
        var message = MessageBatch()
        message.append(.control(command))
        message.forEach { _, _, value in pipeline.receiveControl(value, into: &batch) }
        batch.append(contentsOf: message)
        deliver()
    }

    private mutating func deliver() {
        clock.set(pipeline.nowMs)
        var decoder = EventDecoder()
        var kept: [Event] = []
        var bad = 0
        let scored = Array(#"{"type":"scored""#.utf8), label = Array(#"{"type":"label""#.utf8)
        batch.forEach { topic, _, value in
            if topic == .scored && (value.starts(with: scored) || value.starts(with: label)) { return }
            if let e = try? decoder.decode(value) {
                kept.append(e)
            } else {
                bad += 1
            }
        }
        events += kept
        undecodable += bad
        store.withBatch { state, now in
            batch.forEach { _, _, value in _ = ingestor.ingest(value, into: &state, source: "demo", arrivalMs: now) }
        }
        batch.removeAll()
    }

    func pipelineSnapshot(_ name: String) -> PipelineSnapshot? {
        store.snapshot().pipelines.first { $0.name == name }
    }

    /// The registry's view of pipeline `name`'s model.
    func model(_ name: String) -> ModelSnapshot? {
        pipelineSnapshot(name)?.models.first
    }

    /// Labelled accuracy the store measured for `version` of pipeline `name`.
    func accuracy(_ name: String, version: Int) -> Double? {
        pipelineSnapshot(name)?.versions.first { $0.key.version == version }?.quality.accuracy
    }

    /// The acks seen so far.
    var acks: [Ack] {
        events.compactMap { if case .ack(let a) = $0 { a } else { nil } }
    }

    /// The model events seen so far.
    var modelEvents: [ModelEvent] {
        events.compactMap { if case .model(let m) = $0 { m } else { nil } }
    }
}

/// One pipeline of the default kind at index `index` (0 fraud, 1 churn, 2 ctr, 3 spam), at `rate`.
func demoSettings(pipelines: Int = 1, rate: Double = 1_000, faults: Bool = false, seed: UInt64 = 42) -> DemoSettings {
    DemoSettings(
        pipelines: PipelineSpec.defaults(count: pipelines, driftAtMs: DemoSettings.defaultDriftAtMs),
        ratePerSecond: rate, seed: seed, faults: faults)
}

/// A promote command as pipetop sends it.
func promote(_ pipeline: String, _ model: String, to version: Int, from: Int?, id: String) -> ControlCommand {
    ControlCommand(
        pipeline: pipeline, tsMs: 0, id: id, action: .promote, model: model, version: version, fromVersion: from,
        requestedBy: "test@ci", reason: "candidate recovers quality")
}
