import PipeTopCore

/// What a Metadata request tells of a cluster: its topics' partitions with their leaders and
/// replicas, and its brokers.
struct ClusterMetadata {
    /// Topic → partition → placement.
    var topics: [String: [Int32: PartitionPlacement]] = [:]
    /// Broker id → `host:port`.
    var brokers: [Int32: String] = [:]
}
