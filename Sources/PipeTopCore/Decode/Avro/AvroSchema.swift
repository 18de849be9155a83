/// An Avro schema compiled once (per registry id) into flat node tables, ready to decode
/// binary datums (the payload after the Schema Registry frame) into the natural-JSON tree:
/// records as objects in schema order, unions unwrapped, enums by symbol, bytes and fixed as
/// `.bytes`, decimals as exact text, dates and times as ISO 8601 / RFC 3339 text (a
/// time-of-day outside one day stays the number it is; years past 9999 keep all digits).
/// Logical types with invalid parameters are read as their underlying type, as the
/// specification says; field defaults and aliases play no part in reading a writer's bytes.
///
/// Decoding is safe on hostile bytes: every length and block count is checked against what
/// is left of the message before anything is allocated, nesting is capped at `maxDepth`, and
/// values that take no bytes (null, empty records, zero-size fixed) are capped at
/// `maxZeroSizeItems` per message; any violation is a `ValueDecodeError` for that message.
public struct AvroSchema: Sendable {
    /// Deepest nesting of records, arrays and maps a datum may have (a recursive schema
    /// such as a linked list can otherwise nest as deep as the bytes say).
    public static let maxDepth = 64
    /// Most values of zero-byte types (null, records of such, fixed of size 0) one message
    /// may claim in arrays and maps, or decode as records and fixed: they cannot be bounded
    /// by the bytes left.
    public static let maxZeroSizeItems = 1 << 20

    let nodes: [AvroNode]
    /// Record fields and union branches: the node each one is.
    let links: [Int32]
    /// Record field names, parallel to `links` (empty for union branches); shared by every
    /// decoded record, never allocated per message.
    let fieldNames: [String]
    let symbols: [String]
    /// `,"name":` of each record field (`PrewrittenJSON(memberNames:)`) and `"SYMBOL"` of each
    /// symbol, for `writeJSON`.
    let fieldNameJSON: PrewrittenJSON
    let symbolJSON: PrewrittenJSON
    let root: Int32

    /// Parses and compiles the schema in `text` (Avro's JSON schema form); `references` are
    /// the texts of schemas it refers to (Schema Registry references), in dependency order,
    /// whose named types it may use by name.
    public init(parsing text: String, references: [String] = []) throws(ValueDecodeError) {
        var compiler = AvroSchemaCompiler()
        for (i, reference) in references.enumerated() {
            do throws(ValueDecodeError) {
                _ = try compiler.compile(text: reference)
            } catch {
                throw ValueDecodeError("referenced schema \(i + 1): " + error.reason)
            }
        }
        root = try compiler.compile(text: text)
        compiler.computeMinimumSizes()
        nodes = compiler.nodes
        links = compiler.links
        fieldNames = compiler.fieldNames
        symbols = compiler.symbols
        fieldNameJSON = PrewrittenJSON(memberNames: fieldNames)
        symbolJSON = PrewrittenJSON(strings: symbols)
    }

    /// The schema a registry served: its text, its references' texts as its dependencies.
    public init(registered: RegisteredSchema) throws(ValueDecodeError) {
        try self.init(
            parsing: registered.text,
            references: registered.dependencies.map { String(decoding: $0, as: UTF8.self) })
    }

    /// The one datum in `bytes`, in its natural JSON shape; an error (with the offset in
    /// `bytes`) when the bytes do not hold exactly one datum of this schema.
    public func decode(_ bytes: UnsafeRawBufferPointer) throws(ValueDecodeError) -> DecodedValue {
        var decoder = AvroDecoder(schema: self, bytes: bytes)
        let value = try decoder.value(root, depth: 0)
        guard decoder.pos == bytes.count else {
            let left = bytes.count - decoder.pos
            throw ValueDecodeError("\(Format.counted(left, "byte")) left over after the Avro datum", at: decoder.pos)
        }
        return value
    }

    /// The one datum in `bytes` written as natural JSON at the end of `out`: the same text
    /// as `decode(bytes).writeJSON(to: out)`, without building the tree (the path of
    /// `pipetop tail --format json`). On an error, which is `decode`'s, `out` is as it was.
    public func writeJSON(_ bytes: UnsafeRawBufferPointer, to out: JSONTextBuffer) throws(ValueDecodeError) {
        let mark = out.count
        var decoder = AvroDecoder(schema: self, bytes: bytes)
        do throws(ValueDecodeError) {
            try decoder.writeJSON(root, depth: 0, to: out)
            guard decoder.pos == bytes.count else { throw ValueDecodeError("left over") }
        } catch {
            // The tree decoder says what is wrong, in its words and at its offset.
            out.truncate(to: mark)
            _ = try decode(bytes)
            throw error
        }
    }

    /// The one datum in `bytes`.
    public func decode(_ bytes: [UInt8]) throws(ValueDecodeError) -> DecodedValue {
        try bytes.withUnsafeBytes { b in Result { () throws(ValueDecodeError) in try decode(b) } }.get()
    }
}
