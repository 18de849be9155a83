/// Turns message bytes into the decoded tree, in one `ValueFormat`: the one place that
/// knows the Schema Registry frame, where schemas come from and which decoder reads which
/// payload. Schemas are compiled once per schema id (Protobuf decoders once per message type)
/// and kept, bounded; one decoder per reading thread (it keeps scratch state and its caches),
/// so it is a value, not shared.
public struct MessageDecoder {
    public let format: ValueFormat
    private let schemas: (any SchemaSource)?
    private let localProtobuf: LocalProtobufSchema?
    private var json = JSONTreeParser()
    private var compiled: [ConfluentFrame.SchemaRef: CompiledSchema] = [:]
    private var protobufDecoders: [ProtobufKey: ProtobufMessageDecoder] = [:]
    /// The registry schema that wrote the value last decoded; nil when it was not a Schema
    /// Registry frame (or did not decode).
    public private(set) var lastSchema: WriterSchema?

    /// At most this many compiled schemas (and as many Protobuf message decoders) are kept;
    /// past it the cache starts again (a topic with more live schemas than this is not one
    /// anyone tails).
    public static let maxCompiledSchemas = 4_096

    /// The header that carries a value's schema GUID when a producer puts it there instead of
    /// in front of the payload (confluent-kafka's `header_schema_id_serializer`).
    public static let valueSchemaHeader = "__value_schema_id"
    /// The same for keys.
    public static let keySchemaHeader = "__key_schema_id"

    private struct ProtobufKey: Hashable {
        var schema: ConfluentFrame.SchemaRef
        var indexes: [Int]
    }

    /// - Parameters:
    ///   - schemas: the registry, for framed messages (nil: a framed message is an error that says so).
    ///   - localProtobuf: `--proto-descriptor` and `--proto-message`: Protobuf without the registry.
    public init(format: ValueFormat, schemas: (any SchemaSource)? = nil, localProtobuf: LocalProtobufSchema? = nil) {
        self.format = format
        self.schemas = schemas
        self.localProtobuf = localProtobuf
    }

    /// The decoded value of `bytes`. `schemaHeader` is the value of the `__value_schema_id`
    /// (or `__key_schema_id`) header when the message has one: the schema frame is then there
    /// and the bytes are the bare payload. (The contract format reads as plain JSON here; its
    /// events have their own fast decoder, `EventDecoder`.)
    public mutating func decode(_ bytes: UnsafeRawBufferPointer, schemaHeader: UnsafeRawBufferPointer? = nil) throws(ValueDecodeError) -> DecodedValue {
        lastSchema = nil
        switch route(bytes, schemaHeader: schemaHeader) {
        case .json:
            return try json.parse(bytes)
        case .jsonElseRaw:
            if let tree = try? json.parse(bytes) { return tree }
            return Self.raw(bytes)
        case .raw:
            return Self.raw(bytes)
        case .localProtobuf:
            let (decoder, start) = try localProtobufPayload(bytes)
            return try Self.shifted(start) { () throws(ValueDecodeError) in try decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[start...])) }
        case .framed(let expecting):
            let (reader, start) = try framedPayload(bytes, schemaHeader: schemaHeader, expecting: expecting)
            let payload = UnsafeRawBufferPointer(rebasing: bytes[start...])
            return try Self.shifted(start) { () throws(ValueDecodeError) in
                switch reader {
                case .avro(let avro): return try avro.decode(payload)
                case .protobuf(let protobuf): return try protobuf.decode(payload)
                case .json: return try json.parse(payload)
                }
            }
        }
    }

    /// `decode(bytes, schemaHeader:)` written as natural JSON at the end of `out`, Avro and
    /// Protobuf straight from their bytes without the tree (the path of `pipetop tail
    /// --format json`); the same text as `decode(…).writeJSON(to: out)`. On an error, `out`
    /// is as it was.
    public mutating func writeJSON(_ bytes: UnsafeRawBufferPointer, schemaHeader: UnsafeRawBufferPointer? = nil, to out: JSONTextBuffer) throws(ValueDecodeError) {
        lastSchema = nil
        switch route(bytes, schemaHeader: schemaHeader) {
        case .localProtobuf:
            let (decoder, start) = try localProtobufPayload(bytes)
            try Self.shifted(start) { () throws(ValueDecodeError) in try decoder.writeJSON(UnsafeRawBufferPointer(rebasing: bytes[start...]), to: out) }
        case .framed(let expecting):
            let (reader, start) = try framedPayload(bytes, schemaHeader: schemaHeader, expecting: expecting)
            let payload = UnsafeRawBufferPointer(rebasing: bytes[start...])
            try Self.shifted(start) { () throws(ValueDecodeError) in
                switch reader {
                case .avro(let avro): try avro.writeJSON(payload, to: out)
                case .protobuf(let protobuf): try protobuf.writeJSON(payload, to: out)
                case .json: try json.parse(payload).writeJSON(to: out)
                }
            }
        case .json, .jsonElseRaw, .raw:
            try decode(bytes, schemaHeader: schemaHeader).writeJSON(to: out)
        }
    }

    /// How a value is read, from the format and, for `auto`, from its first bytes.
    private enum Route {
        case json, jsonElseRaw, raw, localProtobuf
        /// A Schema Registry frame, of the format expected (nil: any).
        case framed(expecting: ValueFormat?)
    }

    private func route(_ bytes: UnsafeRawBufferPointer, schemaHeader: UnsafeRawBufferPointer?) -> Route {
        switch format {
        case .contract, .json: return .json
        case .raw: return .raw
        case .protobuf where localProtobuf != nil: return .localProtobuf
        case .avro, .protobuf, .jsonSchema: return .framed(expecting: format)
        case .auto:
            if schemaHeader != nil { return .framed(expecting: nil) }
            if ConfluentFrame.looksFramed(bytes) { return localProtobuf != nil ? .localProtobuf : .framed(expecting: nil) }
            return .jsonElseRaw
        }
    }

    /// What reads a framed payload.
    private enum PayloadReader {
        case avro(AvroSchema)
        case protobuf(ProtobufMessageDecoder)
        case json
    }

    /// A payload's error, its offset seen from the start of the bytes (the frame in front).
    private static func shifted<T>(_ start: Int, _ body: () throws(ValueDecodeError) -> T) throws(ValueDecodeError) -> T {
        do { return try body() } catch { throw error.shifted(by: start) }
    }

    /// `decode` of bytes held in arrays.
    public mutating func decode(_ bytes: [UInt8], schemaHeader: [UInt8]? = nil) throws(ValueDecodeError) -> DecodedValue {
        let header = schemaHeader ?? []
        let result = bytes.withUnsafeBytes { b in
            header.withUnsafeBytes { h -> Result<DecodedValue, ValueDecodeError> in
                do throws(ValueDecodeError) {
                    return .success(try decode(b, schemaHeader: schemaHeader == nil ? nil : h))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    /// Text when the bytes are UTF-8, else the bytes (printed as base64).
    public static func raw(_ bytes: UnsafeRawBufferPointer) -> DecodedValue {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return .string(String(decoding: bytes, as: UTF8.self))
            case .error: return .bytes(Array(bytes))
            }
        }
    }

    /// A framed payload's reader and where the payload starts in `bytes`: after the frame in
    /// front of it, or at 0 with the frame in `schemaHeader`. Error offsets count from the
    /// start of `bytes`.
    private mutating func framedPayload(_ bytes: UnsafeRawBufferPointer, schemaHeader: UnsafeRawBufferPointer?, expecting: ValueFormat?) throws(ValueDecodeError) -> (PayloadReader, start: Int) {
        let frameBytes = schemaHeader ?? bytes
        var frame: ConfluentFrame
        do { frame = try ConfluentFrame(parsing: frameBytes) } catch {
            throw schemaHeader == nil ? error : ValueDecodeError("schema header: " + error.description)
        }
        let schema = try compiledSchema(frame.schema)
        if let expecting, expecting != schema.format {
            throw ValueDecodeError("schema \(frame.schema.text) is \(schema.format.rawValue), not \(expecting.rawValue) (try --value-format auto)")
        }
        let reader: PayloadReader
        var message: String?
        switch schema {
        case .avro(let avro): reader = .avro(avro)
        case .protobuf(let pool):
            // Read past the message indexes: the payload starts after them.
            let indexes = try frame.readMessageIndexes(frameBytes)
            let decoder = try protobufDecoder(pool, frame.schema, indexes)
            message = decoder.messageName
            reader = .protobuf(decoder)
        case .json: reader = .json
        }
        lastSchema = WriterSchema(ref: frame.schema, format: schema.format, message: message)
        return (reader, schemaHeader == nil ? frame.payloadOffset : 0)
    }

    /// The decoder of the message type the indexes name, compiled once.
    private mutating func protobufDecoder(_ pool: ProtobufDescriptorPool, _ ref: ConfluentFrame.SchemaRef, _ indexes: [Int]) throws(ValueDecodeError) -> ProtobufMessageDecoder {
        let key = ProtobufKey(schema: ref, indexes: indexes)
        if let known = protobufDecoders[key] { return known }
        let decoder: ProtobufMessageDecoder
        do { decoder = try pool.decoder(messageIndexes: indexes) } catch {
            throw ValueDecodeError("schema \(ref.text), message indexes \(indexes): \(error.reason)")
        }
        if protobufDecoders.count >= Self.maxCompiledSchemas { protobufDecoders.removeAll(keepingCapacity: true) }
        protobufDecoders[key] = decoder
        return decoder
    }

    /// `--proto-descriptor`: the bytes are the message; a registry frame in front (a
    /// Protobuf message never starts with byte 0, its first tag) is skipped with its indexes.
    /// The decoder, and where the message starts.
    private func localProtobufPayload(_ bytes: UnsafeRawBufferPointer) throws(ValueDecodeError) -> (ProtobufMessageDecoder, start: Int) {
        guard let localProtobuf else { throw ValueDecodeError("no --proto-descriptor") }
        var start = 0
        if bytes.first == 0, var frame = try? ConfluentFrame(parsing: bytes), (try? frame.readMessageIndexes(bytes)) != nil {
            start = frame.payloadOffset
        }
        return (localProtobuf.decoder, start)
    }

    private mutating func compiledSchema(_ ref: ConfluentFrame.SchemaRef) throws(ValueDecodeError) -> CompiledSchema {
        if let known = compiled[ref] { return known }
        guard let schemas else {
            throw ValueDecodeError("message framed with schema \(ref.text), but no schema registry is configured (--schema-registry URL or [kafka] schema_registry)")
        }
        let registered = try schemas.schema(ref)
        let schema: CompiledSchema
        do { schema = try CompiledSchema(registered) } catch { throw ValueDecodeError("schema \(ref.text): \(error.reason)") }
        if compiled.count >= Self.maxCompiledSchemas { compiled.removeAll(keepingCapacity: true) }
        compiled[ref] = schema
        return schema
    }
}

extension ConfluentFrame.SchemaRef {
    /// `id 42`, or `guid 01020304-0506-…` (as the registry writes GUIDs), for messages.
    public var text: String {
        switch self {
        case .id(let id): "id \(id)"
        case .guid(let bytes): "guid " + UUIDText.string(bytes)
        }
    }
}
