import PipeTopCore

/// The embedded demo: several model-serving pipelines simulated together in event time.
/// A driver (`DemoRunner`) advances it and carries its messages to a sink; commands come
/// back through `receiveControl`.
public struct DemoPipeline: Sendable {
    public let settings: DemoSettings
    /// Event time the pipelines have reached.
    public private(set) var nowMs: Int64
    private var pipelines: [any PipelineSimulating]
    private var decoder = EventDecoder()
    /// Control-topic messages that were not commands we could read (acks are not counted).
    public private(set) var unreadableControl = 0

    public init(settings: DemoSettings, startMs: Int64) {
        self.settings = settings
        nowMs = startMs
        let seed = DemoSeed(settings.seed)
        let rate = max(1, settings.ratePerSecond)
        let warmup = settings.warmupRecords
        func index(_ ms: Int64) -> Int { warmup + Int(Double(ms) * rate / 1_000) }
        pipelines = settings.pipelines.enumerated().map { i, spec -> any PipelineSimulating in
            let generator = seed.generator(for: "stream/\(spec.name)")
            switch (spec.stream, spec.learner) {
            case (.sea(let at, let shift), let learner):
                let stream = SEAStream(
                    configuration: .init(
                        thresholdAfter: 11.5, changeIndex: index(at),
                        covariateDrift: CovariateDrift(feature: 0, shift: shift, startIndex: index(at)),
                        featureCenter: 5, featureScale: 5),
                    generator: generator)
                return Self.simulation(spec, settings, i, stream, learner)
            case (.hyperplane(let d, let radians, let from, let shift, let covariateAt), let learner):
                let stream = RotatingHyperplaneStream(
                    configuration: .init(
                        dimensions: d, rotationPerThousand: radians / 60 / rate * 1_000, driftStartIndex: index(from),
                        labelNoise: 0.05,
                        covariateDrift: shift == 0 ? nil : CovariateDrift(feature: 1, shift: shift, startIndex: index(covariateAt))),
                    generator: generator)
                return Self.simulation(spec, settings, i, stream, learner)
            }
        }
    }

    private static func simulation<S: RecordStream>(
        _ spec: PipelineSpec, _ settings: DemoSettings, _ index: Int, _ stream: S, _ learner: LearnerKind
    ) -> any PipelineSimulating {
        let d = stream.names.count
        switch learner {
        case .logisticRegression:
            return PipelineSimulation(spec: spec, settings: settings, index: index, stream: stream) {
                LogisticRegression(featureCount: d)
            }
        case .naiveBayes:
            return PipelineSimulation(spec: spec, settings: settings, index: index, stream: stream) {
                GaussianNaiveBayes(featureCount: d)
            }
        }
    }

    public var pipelineNames: [String] { pipelines.map(\.name) }

    /// What all pipelines produced so far.
    public var counters: DemoCounters { pipelines.reduce(DemoCounters()) { $0 + $1.counters } }

    /// The serving state of pipeline `name`.
    public func servingState(of name: String) -> ServingState? {
        pipelines.first { $0.name == name }?.servingState
    }

    /// Trains and publishes every pipeline's first version.
    public mutating func start(into batch: inout MessageBatch) {
        for i in pipelines.indices { pipelines[i].start(atMs: nowMs, into: &batch) }
    }

    /// Simulates event time up to `targetMs`, one tick at a time.
    public mutating func advance(toMs targetMs: Int64, into batch: inout MessageBatch) {
        while nowMs < targetMs {
            let next = min(targetMs, nowMs + max(1, settings.tickMs))
            for i in pipelines.indices { pipelines[i].step(fromMs: nowMs, toMs: next, into: &batch) }
            nowMs = next
        }
    }

    /// Handles one control-topic message: a command for one of the pipelines is answered (an
    /// `ack`, and `model` events when it changes something); acks and other pipelines' commands
    /// are ignored, as every controller on a shared control topic does.
    public mutating func receiveControl(_ message: UnsafeRawBufferPointer, into batch: inout MessageBatch) {
        guard let event = try? decoder.decode(message) else {
            unreadableControl += 1
            return
        }
        guard case .control(let command) = event,
              let i = pipelines.firstIndex(where: { $0.name == command.pipeline }) else { return }
        pipelines[i].handle(command, atMs: nowMs, into: &batch)
    }
}
