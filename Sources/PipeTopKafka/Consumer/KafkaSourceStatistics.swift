import PipeTopCore

/// What a `KafkaSource` did so far: for tests, benchmarks and a detail screen.
public struct KafkaSourceStatistics: Sendable, Hashable {
    /// Messages handed to the store (good and malformed).
    public var messages: UInt64 = 0
    /// Value bytes of those messages.
    public var bytes: UInt64 = 0
    /// Messages each thread ingested: the consumer thread first, then each ingest worker.
    public var messagesByThread: [UInt64] = []
    /// Batch calls that returned messages.
    public var batches: UInt64 = 0
    /// Errors librdkafka delivered in place of messages (unknown topic, offset reset, …).
    public var consumerErrors: UInt64 = 0
    /// Times the source went from connected to disconnected.
    public var disconnects: UInt64 = 0
    /// Successful metadata requests.
    public var metadataRefreshes: UInt64 = 0
    /// Answers to the topics' configuration check (`KafkaTopicSettingsProbe`).
    public var settingsChecks: UInt64 = 0
    /// Partitions assigned now.
    public var partitions = 0
    /// Wanted topics the cluster has not reported yet.
    public var missingTopics: [String] = []
    /// What is read of the scored topics (`scored_read`), as of the last metadata.
    public var scoredCoverage = ScoredCoverageMap()
    /// The latest error, from librdkafka or from a failed request.
    public var lastError: String?

    public init() {}
}
