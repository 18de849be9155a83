/// A registered schema made ready to decode payloads: compiled once per schema id.
enum CompiledSchema {
    case json

    init(_ schema: RegisteredSchema, ref: ConfluentFrame.SchemaRef) throws(ValueDecodeError) {
        switch schema.kind {
        case .json: self = .json
        default: throw ValueDecodeError("schema \(ref.text): \(schema.kind.rawValue) not built yet")
        }
    }

    /// The format of the payloads this schema wrote.
    var format: ValueFormat {
        switch self {
        case .json: .jsonSchema
        }
    }
}
