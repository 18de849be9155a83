/// One named cluster (`[[contexts]]`), selected with `--context NAME`, like a k9s context.
public struct ContextConfig: Sendable, Hashable {
    public var name: String
    public var brokers: String
    public var topics = TopicOverrides()
    /// librdkafka properties merged over `[kafka.properties]`.
    public var properties: [String: String] = [:]
    /// True forces read-only whatever `[control]` says; it can never lift it.
    public var readOnly = false
    /// A production guard: every control action in this context needs a typed confirmation.
    public var protected = false
    /// The context's own registry settings, each over `[kafka]`'s.
    public var schemaRegistry = SchemaRegistrySettings()
    /// The context's own TLS and SASL settings, each over `[kafka]`'s.
    public var security = KafkaSecurity()
    /// The context's own `[[contexts.pipelines]]`, which replace the top-level list; nil keeps it.
    public var pipelines: [PipelineConfig]?

    public init(
        name: String, brokers: String, topics: TopicOverrides = TopicOverrides(),
        properties: [String: String] = [:], readOnly: Bool = false, protected: Bool = false
    ) {
        self.name = name
        self.brokers = brokers
        self.topics = topics
        self.properties = properties
        self.readOnly = readOnly
        self.protected = protected
    }
}
