/// The whole configuration file, typed: every section of `Config/pipetop.toml` plus the contexts.
public struct PipeTopConfig: Sendable, Hashable {
    public var ui = UISettings()
    public var drift = DriftSettings()
    /// The store's caps; `[drift]` sets how many versions keep live windows (`max_tracked_versions`,
    /// `max_windows`), the rest are built in.
    public var limits = StoreLimits()
    public var alerts = AlertSettings()
    public var control = ControlSettings()
    public var kafka = KafkaSettings()
    public var topics = TopicNames()
    public var contexts: [ContextConfig] = []
    /// Pipelines watched through their own topics (`[[pipelines]]`).
    public var pipelines: [PipelineConfig] = []

    /// The built-in defaults; `Config/pipetop.toml` documents exactly these values.
    public static let defaults = PipeTopConfig()

    public init(
        ui: UISettings = UISettings(), drift: DriftSettings = DriftSettings(),
        alerts: AlertSettings = AlertSettings(),
        control: ControlSettings = ControlSettings(), kafka: KafkaSettings = KafkaSettings(),
        topics: TopicNames = TopicNames(), contexts: [ContextConfig] = []
    ) {
        self.ui = ui
        self.drift = drift
        self.alerts = alerts
        self.control = control
        self.kafka = kafka
        self.topics = topics
        self.contexts = contexts
    }

    /// The context called `name`, if any.
    public func context(named name: String) -> ContextConfig? {
        contexts.first { $0.name == name }
    }
}
