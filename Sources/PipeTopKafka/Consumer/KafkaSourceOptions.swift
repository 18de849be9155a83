import PipeTopCore

/// How a `KafkaSource` reads: where each topic starts, and how it polls and retries.
public struct KafkaSourceOptions: Sendable, Hashable {
    /// Where each of the four topics starts. By default models and control from the beginning
    /// (the whole version history and audit trail), metrics and scored from the end minus
    /// `defaultBacklog` records per partition.
    public var start: [Topic: StartPosition]
    /// How often metadata is fetched again to pick up new topics and partitions.
    public var metadataRefresh: Duration = .seconds(10)
    /// How long after a failure the broker is probed again; the status counts down to it.
    public var retryInterval: Duration = .seconds(2)
    /// How long one metadata request may take.
    public var metadataTimeout: Duration = .seconds(2)
    /// Messages taken from librdkafka's queue (and ingested under one store lock) at a time.
    public var batchSize = 4_096
    /// How long the consumer waits for a message when none is queued: bounds how long `stop()` takes.
    public var pollTimeout: Duration = .milliseconds(250)
    /// Ingest workers (`[kafka] ingest_threads`): the store to read into should have as many
    /// shards (`KafkaSource.ingestWorkers`).
    public var ingestThreads = 1

    /// Consumer groups whose lag is measured on the cluster and shown for their pipelines
    /// (`[kafka] lag_groups`); empty: the lag the pipelines report in `metrics`.
    public var lagGroups: [LagGroup] = []
    /// How often the groups' committed offsets are asked for.
    public var lagInterval: Duration = .seconds(5)
    /// How often the topics' configuration is read again (`KafkaTopicSettingsProbe`).
    public var settingsCheckInterval: Duration = .seconds(600)

    /// How much of the contract's scored topic is read (`[kafka] scored_read`).
    public var scoredRead = ScoredRead.all

    /// Pipelines read through their own topics (`[[pipelines]]`), and the registry their
    /// framed values need.
    public var pipelines: [PipelineConfig] = []
    public var schemaRegistry = SchemaRegistrySettings()

    /// `[[pipelines]]` templates: each topic of the cluster one matches is read as a pipeline
    /// of its own, those created while the source runs too (looked for every `metadataRefresh`).
    public var templates: [PipelineConfig] = []

    /// Records per partition of metrics and scored read back on start.
    public static let defaultBacklog: Int64 = 1_000

    public init(backlog: Int64 = KafkaSourceOptions.defaultBacklog) {
        let recent: StartPosition = backlog > 0 ? .lastPerPartition(backlog) : .end
        start = [.models: .beginning, .control: .beginning, .metrics: recent, .scored: recent]
    }

    /// The defaults with the run's `[kafka] lag_groups` and `scored_read`, and its pipelines
    /// (templates not expanded, `EffectiveConfig.pipelines` before `PipelineTemplateExpansion`,
    /// are left out: they name no topic).
    public init(_ config: EffectiveConfig) {
        self.init()
        lagGroups = LagGroup.parse(config.kafka.lagGroups)
        let pipelines = config.pipelines.filter { !$0.isTemplate }
        templates = config.pipelineTemplates
        // A mapped pipeline's consumer group is its lag, unless lag_groups says otherwise.
        for p in pipelines where !lagGroups.contains(where: { $0.pipeline == p.name }) {
            if let group = p.consumerGroup { lagGroups.append(LagGroup(pipeline: p.name, group: group)) }
        }
        self.pipelines = pipelines
        scoredRead = config.kafka.scoredRead
        schemaRegistry = config.schemaRegistry
        ingestThreads = config.kafka.resolvedIngestThreads
    }

    /// Where `topic` starts.
    public func start(for topic: Topic) -> StartPosition {
        start[topic] ?? .beginning
    }
}

extension Duration {
    /// Whole milliseconds, for librdkafka's timeouts.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
