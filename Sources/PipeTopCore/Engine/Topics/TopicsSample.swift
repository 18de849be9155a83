/// What one look at a cluster found: every topic's watermarks and every consumer group's
/// committed offsets. Two samples make a `TopicsSnapshot` (rates need a difference).
public struct TopicsSample: Sendable, Hashable {
    /// Wall-clock time the watermarks were taken, epoch ms.
    public var takenAtMs: Int64
    /// Topic → its partitions' watermarks, by partition.
    public var watermarks: [String: [PartitionWatermarks]]
    /// Group → topic → partition → committed offset (only offsets the group committed).
    public var committed: [String: [String: [Int32: Int64]]]
    /// Why the consumer groups could not be listed or read (the watermarks still count).
    public var groupsError: String?
    /// Topic → partition → its leader and replicas, from the same metadata.
    public var placements: [String: [Int32: PartitionPlacement]]
    /// Broker id → `host:port`, as the metadata lists them.
    public var brokers: [Int32: String]
    /// The configuration of the topics asked for (those described), and why a topic's could
    /// not be read.
    public var settings: [String: [TopicSetting]]
    public var settingsErrors: [String: String]

    public init(takenAtMs: Int64, watermarks: [String: [PartitionWatermarks]],
                committed: [String: [String: [Int32: Int64]]] = [:], groupsError: String? = nil,
                placements: [String: [Int32: PartitionPlacement]] = [:], brokers: [Int32: String] = [:],
                settings: [String: [TopicSetting]] = [:], settingsErrors: [String: String] = [:]) {
        self.settings = settings
        self.settingsErrors = settingsErrors
        self.takenAtMs = takenAtMs
        self.watermarks = watermarks.mapValues { $0.sorted { $0.partition < $1.partition } }
        self.committed = committed
        self.groupsError = groupsError
        self.placements = placements
        self.brokers = brokers
    }
}
