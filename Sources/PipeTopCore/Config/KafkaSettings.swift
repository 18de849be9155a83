/// How pipetop talks to Kafka (`[kafka]`).
public struct KafkaSettings: Sendable, Hashable {
    /// Bootstrap servers, e.g. `localhost:9092`; nil when only contexts or `--brokers` name them.
    public var brokers: String?
    public var clientID = "pipetop"
    /// librdkafka `fetch.wait.max.ms`: how long the broker holds an empty fetch (it answers as
    /// soon as a record arrives); shorter costs idle CPU, not latency.
    public var fetchWaitMaxMs = 500
    /// librdkafka `queued.max.messages.kbytes`; caps the prefetch queue (and memory).
    public var queuedMaxKbytes = 16_384
    /// Ingest workers: threads that decode and ingest in parallel, each writing its own shard
    /// of the store (pipelines hashed to shards); nil: one. Also the workers a replay uses. A
    /// Kafka source makes a worker only when partitions come to it. Not one per core by
    /// default: every shard adds to each snapshot and keeps buffers of its own (see
    /// docs/scale.md).
    public var ingestThreads: Int?
    /// Consumer groups whose lag is shown.
    public var lagGroups: [String] = []
    /// How much of the contract's scored topic is read (`scored_read`, `scored_sample`).
    public var scoredRead = ScoredRead.all
    /// `schema_registry`, `schema_registry_auth`, `schema_registry_ca`.
    public var schemaRegistry = SchemaRegistrySettings()
    /// TLS and SASL (`security_protocol`, `ssl_*`, `sasl_*`, `oauth_token_command`).
    public var security = KafkaSecurity()
    /// Extra librdkafka properties, passed through; TOML numbers and booleans become strings.
    public var properties: [String: String] = [:]

    /// librdkafka's allowed ranges for the two tuned properties.
    public static let fetchWaitMaxMsRange = 0...300_000
    public static let queuedMaxKbytesRange = 1...2_097_151
    public static let ingestThreadsRange = 1...64

    /// The ingest workers to run: `ingestThreads`, or one.
    public var resolvedIngestThreads: Int { ingestThreads ?? 1 }

    public init(
        brokers: String? = nil, clientID: String = "pipetop", fetchWaitMaxMs: Int = 500,
        queuedMaxKbytes: Int = 16_384, lagGroups: [String] = [], properties: [String: String] = [:]
    ) {
        self.brokers = brokers
        self.clientID = clientID
        self.fetchWaitMaxMs = fetchWaitMaxMs
        self.queuedMaxKbytes = queuedMaxKbytes
        self.lagGroups = lagGroups
        self.properties = properties
    }
}
