/// Everything that shapes a demo run. The defaults tell the operator's story at `--speed 1`:
/// drift within the first minute, a retrained candidate by the second, all within three.
public struct DemoSettings: Sendable, Hashable {
    public var pipelines: [PipelineSpec]
    /// Records per second of event time, per pipeline.
    public var ratePerSecond: Double
    public var seed: UInt64
    /// Inject faults now and then: a version that fails to load, a scorer restart, a burst of
    /// malformed messages, a stalled scorer.
    public var faults: Bool
    /// Promote a candidate by itself once it beats the serving version on labelled data.
    public var autoPromote: Bool
    /// Scorer instances per pipeline.
    public var instancesPerPipeline: Int
    /// Event time between a record and its `label` event.
    public var labelDelayMs: Int64
    /// Share of records whose outcome is learned later (a `label` event).
    public var labelShare: Double
    /// Share of records that carry their label in the scored event itself.
    public var inlineLabelShare: Double
    public var retrainIntervalMs: Int64
    public var metricsIntervalMs: Int64
    /// Event time one step of the simulation covers.
    public var tickMs: Int64
    /// Labelled records the trainer keeps (the recent window a version is trained on).
    public var trainingWindow: Int
    /// Labelled records generated before the start, to train version 1.
    public var warmupRecords: Int
    /// Labelled outcomes a candidate needs before auto-promotion or the `quality` strategy trusts it.
    public var minimumLabelled: Int
    /// Accuracy a candidate must gain over the serving version to be auto-promoted.
    public var autoPromoteMargin: Double
    /// Speculative strategy: deadline for an answer.
    public var speculativeDeadlineUs: Double
    /// When set, control commands from anyone else are refused.
    public var allowedRequesters: Set<String>?
    /// Scorers count each version's scores and features over its reference's bins and send the
    /// counts in their metrics (`histograms`), so drift can come from summaries.
    public var summaries = false

    public static let defaultDriftAtMs: Int64 = 30_000

    public init(
        pipelines: [PipelineSpec] = PipelineSpec.defaults(count: 3, driftAtMs: DemoSettings.defaultDriftAtMs),
        ratePerSecond: Double = 2_000, seed: UInt64 = 42, faults: Bool = false, autoPromote: Bool = false,
        instancesPerPipeline: Int = 2, labelDelayMs: Int64 = 5_000, labelShare: Double = 0.25,
        inlineLabelShare: Double = 0.05, retrainIntervalMs: Int64 = 60_000, metricsIntervalMs: Int64 = 1_000,
        tickMs: Int64 = 100, trainingWindow: Int = 8_000, warmupRecords: Int = 6_000, minimumLabelled: Int = 500,
        autoPromoteMargin: Double = 0.02, speculativeDeadlineUs: Double = 1_500, allowedRequesters: Set<String>? = nil
    ) {
        self.pipelines = pipelines
        self.ratePerSecond = ratePerSecond
        self.seed = seed
        self.faults = faults
        self.autoPromote = autoPromote
        self.instancesPerPipeline = instancesPerPipeline
        self.labelDelayMs = labelDelayMs
        self.labelShare = labelShare
        self.inlineLabelShare = inlineLabelShare
        self.retrainIntervalMs = retrainIntervalMs
        self.metricsIntervalMs = metricsIntervalMs
        self.tickMs = tickMs
        self.trainingWindow = trainingWindow
        self.warmupRecords = warmupRecords
        self.minimumLabelled = minimumLabelled
        self.autoPromoteMargin = autoPromoteMargin
        self.speculativeDeadlineUs = speculativeDeadlineUs
        self.allowedRequesters = allowedRequesters
    }

    /// Sets the strategy of the pipeline named `name`.
    public mutating func setStrategy(_ strategy: ServingStrategy, for name: String) throws(DemoConfigurationError) {
        guard let i = pipelines.firstIndex(where: { $0.name == name }) else { throw .unknownPipeline(name) }
        pipelines[i].strategy = strategy
    }
}
