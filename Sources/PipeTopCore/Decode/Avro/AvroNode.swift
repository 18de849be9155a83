/// One node of a compiled Avro schema: what to read at this point of a datum, with its
/// children named by index into `AvroSchema`'s flat tables, so a recursive type (a linked
/// list) is just a node whose field leads back to itself.
struct AvroNode: Sendable {
    /// What the bytes hold here; logical types are kinds of their own, so decoding never
    /// looks at a schema attribute again.
    enum Kind: UInt8, Sendable {
        case null, boolean, int, long, float, double, bytes, string
        case record, enumeration, array, map, union, fixed
        /// `decimal` on `bytes` or on `fixed` (`count` is then the size): exact text.
        case decimalBytes, decimalFixed
        /// `uuid` on `fixed` of size 16 (on `string` it is plain `.string`).
        case uuidFixed
        case date, timeMillis, timeMicros
        case timestampMillis, timestampMicros, timestampNanos
        case localTimestampMillis, localTimestampMicros, localTimestampNanos
    }

    var kind: Kind
    /// Array items or map values: the node they are.
    var child: Int32 = 0
    /// Record fields and union branches: the first of `count` entries in the link tables;
    /// enum: the first of `count` symbols.
    var start: Int32 = 0
    /// Fields, branches or symbols; the size of a fixed.
    var count: Int32 = 0
    /// Decimal scale.
    var scale: Int32 = 0
    /// The fewest bytes a value of this node takes (a lower bound for recursive types):
    /// how many items a block count can honestly claim in what is left of a message.
    var minSize: Int32 = 0

    init(_ kind: Kind) {
        self.kind = kind
    }
}
