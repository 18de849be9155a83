/// A consumer group reading a topic, and how far behind it is there.
public struct TopicGroupLag: Sendable, Hashable {
    public var group: String
    /// Σ over the partitions it committed an offset for of high watermark − committed offset.
    public var lag: Int64

    public init(group: String, lag: Int64) {
        self.group = group
        self.lag = lag
    }
}
