import PipeTopCore

/// A models message read back whole from where it was first read: what re-publishing sends
/// again, byte for byte.
public struct RetainedMessage: Sendable, Hashable {
    public var origin: MessageOrigin
    public var key: [UInt8]?
    /// Nil for a null value.
    public var value: [UInt8]?
    public var headers: [KafkaHeader]

    public init(origin: MessageOrigin, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader]) {
        self.origin = origin
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// A copy of `message`.
    init(_ message: KafkaMessage) {
        self.init(origin: MessageOrigin(message), key: message.key.map(Array.init), value: message.value.map(Array.init),
                  headers: message.headers)
    }
}
