/// The registry schema that wrote a value, as a Schema Registry frame names it, and its
/// format: what the Tail's record view shows (`avro, schema id 7`), kept without text so that
/// decoding a record costs no allocation for it.
public struct WriterSchema: Sendable, Hashable {
    public var ref: ConfluentFrame.SchemaRef
    public var format: ValueFormat
    /// Protobuf: the message type the frame's indexes name in the schema (`pkg.Scored`).
    public var message: String?

    public init(ref: ConfluentFrame.SchemaRef, format: ValueFormat, message: String? = nil) {
        self.ref = ref
        self.format = format
        self.message = message
    }

    /// `avro, schema id 7`; `protobuf, schema id 3, message pkg.Scored`; `schema guid …` for a GUID.
    public var text: String { "\(format.rawValue), schema \(ref.text)" + (message.map { ", message " + $0 } ?? "") }
}
