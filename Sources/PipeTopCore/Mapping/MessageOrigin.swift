/// Where a mapped pipeline's models message was read: the message re-publishing control sends
/// again to promote or roll back to its version.
public struct MessageOrigin: Sendable, Hashable, Codable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    /// The message's origin.
    public init(_ message: some MappedMessage) {
        self.init(topic: message.topic, partition: message.partition, offset: message.offset)
    }

    /// `wine-models[0]@17`, as kcat and the Topics screen name a message.
    public var text: String { "\(topic)[\(partition)]@\(offset)" }
}
