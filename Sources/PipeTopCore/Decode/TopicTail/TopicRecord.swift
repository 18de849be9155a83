/// One message of a tailed topic, decoded: what the Tail screen shows of a topic of any
/// format (the Topics screen's `enter`), with where it came from and its headers.
public struct TopicRecord: Sendable, Hashable {
    public var partition: Int32
    public var offset: Int64
    /// The message timestamp, epoch ms; nil when the broker gives none.
    public var timestampMs: Int64?
    /// The key, decoded (text when it is UTF-8, else base64); nil without one.
    public var key: DecodedValue?
    /// Header names and values (text when UTF-8, else base64; nil for a null value), in order.
    public var headers: [MessageHeader]
    /// The value, decoded; nil for a null value (a tombstone).
    public var value: DecodedValue?
    /// The registry schema that wrote the value; nil when the value was not a Schema
    /// Registry frame.
    public var schema: WriterSchema?

    public init(partition: Int32, offset: Int64, timestampMs: Int64?, key: DecodedValue?, headers: [MessageHeader], value: DecodedValue?,
                schema: WriterSchema? = nil) {
        self.partition = partition
        self.offset = offset
        self.timestampMs = timestampMs
        self.key = key
        self.headers = headers
        self.value = value
        self.schema = schema
    }
}
