/// A registered schema made ready to decode payloads: compiled once per schema id.
enum CompiledSchema {
    case avro(AvroSchema)
    /// The schema's file and its imports; the message type comes from each frame's indexes.
    case protobuf(ProtobufDescriptorPool)
    case json

    init(_ schema: RegisteredSchema) throws(ValueDecodeError) {
        switch schema.kind {
        case .avro: self = .avro(try AvroSchema(registered: schema))
        case .protobuf: self = .protobuf(try ProtobufDescriptorPool(schema: schema))
        case .json: self = .json
        }
    }

    /// The format of the payloads this schema wrote.
    var format: ValueFormat {
        switch self {
        case .avro: .avro
        case .protobuf: .protobuf
        case .json: .jsonSchema
        }
    }
}
