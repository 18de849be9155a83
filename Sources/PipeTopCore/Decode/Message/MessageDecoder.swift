/// Turns message bytes into the decoded tree, in one `ValueFormat`: the one place that
/// knows the Schema Registry frame, where schemas come from and which decoder reads which
/// payload. Schemas are compiled once per schema id and kept (bounded); one decoder per
/// reading thread (it keeps scratch state), so it is a value, not shared.
public struct MessageDecoder {
    public let format: ValueFormat
    private let schemas: (any SchemaSource)?
    private let localProtobuf: LocalProtobufSchema?
    private var json = JSONTreeParser()
    private var compiled: [ConfluentFrame.SchemaRef: CompiledSchema] = [:]

    /// At most this many compiled schemas are kept; past it the cache starts again (a topic
    /// with more live schemas than this is not one anyone tails).
    public static let maxCompiledSchemas = 4_096

    /// The header that carries a value's schema GUID when a producer puts it there instead of
    /// in front of the payload (confluent-kafka's `header_schema_id_serializer`).
    public static let valueSchemaHeader = "__value_schema_id"
    /// The same for keys.
    public static let keySchemaHeader = "__key_schema_id"

    /// - Parameters:
    ///   - schemas: the registry, for framed messages (nil: a framed message is an error that says so).
    ///   - localProtobuf: `--proto-descriptor` and `--proto-message`: Protobuf without the registry.
    public init(format: ValueFormat, schemas: (any SchemaSource)? = nil, localProtobuf: LocalProtobufSchema? = nil) {
        self.format = format
        self.schemas = schemas
        self.localProtobuf = localProtobuf
    }

    /// The decoded value of `bytes` (the contract format reads as plain JSON here; its events
    /// have their own fast decoder, `EventDecoder`).
    public mutating func decode(_ bytes: UnsafeRawBufferPointer, schemaHeader: UnsafeRawBufferPointer? = nil) throws(ValueDecodeError) -> DecodedValue {
        switch format {
        case .contract, .json:
            return try json.parse(bytes)
        case .raw:
            return Self.raw(bytes)
        case .protobuf where localProtobuf != nil:
            return try decodeLocalProtobuf(bytes)
        case .avro, .protobuf, .jsonSchema:
            return try decodeFramed(bytes, expecting: format)
        case .auto:
            if ConfluentFrame.looksFramed(bytes) {
                if localProtobuf != nil { return try decodeLocalProtobuf(bytes) }
                return try decodeFramed(bytes, expecting: nil)
            }
            if let tree = try? json.parse(bytes) { return tree }
            return Self.raw(bytes)
        }
    }

    /// `decode` of bytes held in an array.
    public mutating func decode(_ bytes: [UInt8]) throws(ValueDecodeError) -> DecodedValue {
        let result = bytes.withUnsafeBytes { b -> Result<DecodedValue, ValueDecodeError> in
            do throws(ValueDecodeError) { return .success(try decode(b)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Text when the bytes are UTF-8, else the bytes (printed as base64).
    public static func raw(_ bytes: UnsafeRawBufferPointer) -> DecodedValue {
        var valid = true
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error:
                valid = false
                break loop
            }
        }
        return valid ? .string(String(decoding: bytes, as: UTF8.self)) : .bytes(Array(bytes))
    }

    private mutating func decodeFramed(_ bytes: UnsafeRawBufferPointer, expecting: ValueFormat?) throws(ValueDecodeError) -> DecodedValue {
        var frame = try ConfluentFrame(parsing: bytes)
        let schema = try compiledSchema(frame.schema)
        if let expecting, expecting != schema.format {
            throw ValueDecodeError("schema \(frame.schema.text) is \(schema.format.rawValue), not \(expecting.rawValue) (try --value-format auto)")
        }
        let start: Int
        switch schema {
        case .json:
            start = frame.payloadOffset
            let payload = UnsafeRawBufferPointer(rebasing: bytes[start...])
            do { return try json.parse(payload) } catch { throw error.shifted(by: start) }
        }
    }

    private mutating func decodeLocalProtobuf(_ bytes: UnsafeRawBufferPointer) throws(ValueDecodeError) -> DecodedValue {
        throw ValueDecodeError("protobuf: not built yet")
    }

    private mutating func compiledSchema(_ ref: ConfluentFrame.SchemaRef) throws(ValueDecodeError) -> CompiledSchema {
        if let known = compiled[ref] { return known }
        guard let schemas else {
            throw ValueDecodeError("message framed with schema \(ref.text), but no schema registry is configured (--schema-registry URL or [kafka] schema_registry)")
        }
        let registered = try schemas.schema(ref)
        let schema = try CompiledSchema(registered, ref: ref)
        if compiled.count >= Self.maxCompiledSchemas { compiled.removeAll(keepingCapacity: true) }
        compiled[ref] = schema
        return schema
    }
}

extension ConfluentFrame.SchemaRef {
    /// `id 42`, or `guid 0f…` (hex), for messages.
    public var text: String {
        switch self {
        case .id(let id): return "id \(id)"
        case .guid(let bytes): return "guid " + bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
    }
}
