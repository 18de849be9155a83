/// What command-line flags set; every field left nil (or empty/false) defers to the configuration.
public struct CommandLineOverrides: Sendable, Hashable {
    public var brokers: String?
    public var context: String?
    /// `--read-only` can only add the restriction, never lift one the configuration sets.
    public var readOnly = false
    /// `-X key=value`, applied in order, last one wins.
    public var properties: [PropertyAssignment] = []
    public var theme: String?
    public var fps: Int?
    public var timeRange: TimeRange?
    /// `--schema-registry URL`.
    public var schemaRegistry: String?
    /// `--ingest-threads N`.
    public var ingestThreads: Int?

    public init(
        brokers: String? = nil, context: String? = nil, readOnly: Bool = false,
        properties: [PropertyAssignment] = [],
        theme: String? = nil, fps: Int? = nil, timeRange: TimeRange? = nil, schemaRegistry: String? = nil
    ) {
        self.schemaRegistry = schemaRegistry
        self.brokers = brokers
        self.context = context
        self.readOnly = readOnly
        self.properties = properties
        self.theme = theme
        self.fps = fps
        self.timeRange = timeRange
    }
}
