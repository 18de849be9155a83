/// The settings a run actually uses, after precedence: command-line flag > selected context >
/// top-level section > built-in default.
public struct EffectiveConfig: Sendable, Hashable {
    /// The selected context, nil when none was asked for.
    public var contextName: String?
    /// Bootstrap servers; nil when neither a flag, the context nor `[kafka]` names them.
    public var brokers: String?
    public var topics: TopicNames
    /// Everything handed to librdkafka: tuned defaults < `security`'s properties <
    /// `[kafka.properties]` < context properties < `-X`.
    public var kafkaProperties: [String: String]
    /// TLS and SASL: the context's keys over `[kafka]`'s.
    public var security: KafkaSecurity
    public var kafka: KafkaSettings
    /// The registry after precedence: `--schema-registry` > context > `[kafka]`.
    public var schemaRegistry: SchemaRegistrySettings
    /// True when any of `control.read_only`, the context's `read_only`, `--read-only` or
    /// `control.enabled = false` says so; then no control action is offered.
    public var readOnly: Bool
    /// The selected context is marked protected.
    public var protected: Bool
    public var engine: EngineSettings
    public var ui: UISettings
    public var control: ControlSettings
    /// Where audit entries are appended (`control.audit_log` or its default).
    public var auditLogPath: String
    /// Pipelines watched through their own topics: the context's list when it has one.
    public var pipelines: [PipelineConfig]
    /// The templates of `pipelines` once they are expanded into it (their pipelines of the
    /// cluster's topics then).
    public var expandedTemplates: [PipelineConfig] = []

    /// Every `[[pipelines]]` template, expanded or not: what names a pipeline of theirs found
    /// later.
    public var pipelineTemplates: [PipelineConfig] { pipelines.filter(\.isTemplate) + expandedTemplates }

    public init(
        contextName: String?, brokers: String?, topics: TopicNames,
        kafkaProperties: [String: String],
        kafka: KafkaSettings, security: KafkaSecurity = KafkaSecurity(),
        schemaRegistry: SchemaRegistrySettings = SchemaRegistrySettings(), readOnly: Bool, protected: Bool, engine: EngineSettings,
        ui: UISettings,
        control: ControlSettings, auditLogPath: String, pipelines: [PipelineConfig] = []
    ) {
        self.contextName = contextName
        self.brokers = brokers
        self.topics = topics
        self.kafkaProperties = kafkaProperties
        self.kafka = kafka
        self.security = security
        self.schemaRegistry = schemaRegistry
        self.readOnly = readOnly
        self.protected = protected
        self.engine = engine
        self.ui = ui
        self.control = control
        self.auditLogPath = auditLogPath
        self.pipelines = pipelines
    }

    /// Applies the precedence rules to `config` and `overrides`.
    public init(
        config: PipeTopConfig, overrides: CommandLineOverrides = CommandLineOverrides(),
        environment: [String: String]
    ) throws(ConfigError) {
        var context: ContextConfig?
        if let name = overrides.context {
            guard let selected = config.context(named: name) else {
                throw .unknownContext(name: name, known: config.contexts.map(\.name))
            }
            context = selected
        }
        var ui = config.ui
        if let theme = overrides.theme {
            guard !theme.isEmpty else {
                throw .invalidOverride(option: "--theme", message: "must not be empty")
            }
            ui.theme = theme
        }
        if let fps = overrides.fps {
            guard UISettings.fpsRange.contains(fps) else {
                throw .invalidOverride(
                    option: "--fps",
                    message:
                        "must be between \(UISettings.fpsRange.lowerBound) and \(UISettings.fpsRange.upperBound), got \(fps)"
                )
            }
            ui.fps = fps
        }
        if let range = overrides.timeRange { ui.timeRange = range }
        var kafka = config.kafka
        if let n = overrides.ingestThreads {
            let range = KafkaSettings.ingestThreadsRange
            guard range.contains(n) else {
                throw .invalidOverride(option: "--ingest-threads", message: "must be between \(range.lowerBound) and \(range.upperBound), got \(n)")
            }
            kafka.ingestThreads = n
        }

        var properties = [
            "client.id": config.kafka.clientID,
            "fetch.wait.max.ms": String(config.kafka.fetchWaitMaxMs),
            "queued.max.messages.kbytes": String(config.kafka.queuedMaxKbytes),
        ]
        let security = config.kafka.security.overridden(by: context?.security ?? KafkaSecurity())
        properties.merge(security.properties) { _, new in new }
        properties.merge(config.kafka.properties) { _, new in new }
        if let context { properties.merge(context.properties) { _, new in new } }
        for assignment in overrides.properties { properties[assignment.key] = assignment.value }

        var control = config.control
        let auditLogPath =
            control.auditLog ?? ControlSettings.defaultAuditLogPath(environment: environment)
        control.auditLog = auditLogPath
        let readOnly =
            config.control.readOnly || (context?.readOnly ?? false) || overrides.readOnly
            || !config.control.enabled

        self.init(
            contextName: context?.name,
            brokers: overrides.brokers ?? context?.brokers ?? config.kafka.brokers,
            topics: context.map { config.topics.applying($0.topics) } ?? config.topics,
            kafkaProperties: properties,
            kafka: kafka,
            security: security,
            schemaRegistry: config.kafka.schemaRegistry
                .overridden(by: context?.schemaRegistry ?? SchemaRegistrySettings())
                .overridden(by: SchemaRegistrySettings(url: overrides.schemaRegistry)),
            readOnly: readOnly,
            protected: context?.protected ?? false,
            engine: EngineSettings(drift: config.drift, alerts: config.alerts, limits: config.limits),
            ui: ui,
            control: control,
            auditLogPath: auditLogPath,
            pipelines: context?.pipelines ?? config.pipelines)
    }
}
