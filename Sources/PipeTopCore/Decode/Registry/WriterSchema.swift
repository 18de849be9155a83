/// The registry schema that wrote a value, as a Schema Registry frame names it, and its
/// format: what the Tail's record view shows (`avro, schema id 7`), kept without text so that
/// decoding a record costs no allocation for it.
public struct WriterSchema: Sendable, Hashable {
    public var ref: ConfluentFrame.SchemaRef
    public var format: ValueFormat

    public init(ref: ConfluentFrame.SchemaRef, format: ValueFormat) {
        self.ref = ref
        self.format = format
    }

    /// `avro, schema id 7`; `protobuf, schema guid …` for a GUID.
    public var text: String { "\(format.rawValue), schema \(ref.text)" }
}
