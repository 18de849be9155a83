/// The Confluent Schema Registry wire format, as its serializers write it (confluent-kafka's
/// `SchemaId.id_to_bytes`, the Java `AbstractKafkaSchemaSerDe`, libserdes):
///
/// - byte 0: magic 0, then the schema id as 4 bytes big-endian, then the payload;
/// - magic 1 (newer clients): a 16-byte schema GUID instead of the id;
/// - Protobuf only: before the payload, the message-index list that picks the message type
///   inside the schema's file: a count, then that many indexes, each a zig-zag varint; the
///   common list `[0]` (the file's first message) is written as a lone 0 byte (count 0).
public struct ConfluentFrame: Sendable, Hashable {
    /// Which schema wrote the payload.
    public enum SchemaRef: Sendable, Hashable {
        case id(UInt32)
        /// A GUID's 16 bytes (magic byte 1).
        case guid([UInt8])
    }

    public var schema: SchemaRef
    /// Where the payload starts (after the message indexes, for a Protobuf frame read with them).
    public var payloadOffset: Int

    /// The most message indexes a frame may list: deeper nesting than any real schema.
    public static let maxMessageIndexes = 64

    /// Whether `bytes` start like a frame: magic 0 and room for an id. Plain JSON starts
    /// with a printable byte and most text never starts with 0, so this is what `auto` tries first.
    public static func looksFramed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        (bytes.count >= 5 && bytes[0] == 0) || (bytes.count >= 17 && bytes[0] == 1)
    }

    /// Reads the magic byte and the schema id or GUID.
    public init(parsing bytes: UnsafeRawBufferPointer) throws(ValueDecodeError) {
        guard let magic = bytes.first else { throw ValueDecodeError("empty value, no schema registry frame", at: 0) }
        switch magic {
        case 0:
            guard bytes.count >= 5 else { throw ValueDecodeError("schema registry frame shorter than 5 bytes", at: bytes.count) }
            let id = UInt32(bytes[1]) << 24 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 8 | UInt32(bytes[4])
            schema = .id(id)
            payloadOffset = 5
        case 1:
            guard bytes.count >= 17 else { throw ValueDecodeError("schema registry frame (GUID) shorter than 17 bytes", at: bytes.count) }
            schema = .guid(Array(bytes[1..<17]))
            payloadOffset = 17
        default:
            throw ValueDecodeError("not a schema registry frame (magic byte \(magic), expected 0)", at: 0)
        }
    }

    /// Reads the Protobuf message-index list at `payloadOffset`, moves `payloadOffset` past
    /// it, and returns it (`[0]` for the lone 0 byte).
    public mutating func readMessageIndexes(_ bytes: UnsafeRawBufferPointer) throws(ValueDecodeError) -> [Int] {
        var pos = payloadOffset
        let count = try Self.zigZag(bytes, &pos)
        if count == 0 {
            payloadOffset = pos
            return [0]
        }
        guard count > 0, count <= Self.maxMessageIndexes else {
            throw ValueDecodeError("message-index list of \(count) entries (at most \(Self.maxMessageIndexes))", at: payloadOffset)
        }
        var indexes: [Int] = []
        indexes.reserveCapacity(Int(count))
        for _ in 0..<count {
            let at = pos
            let index = try Self.zigZag(bytes, &pos)
            guard index >= 0, index <= Int64(Int32.max) else { throw ValueDecodeError("negative message index \(index)", at: at) }
            indexes.append(Int(index))
        }
        payloadOffset = pos
        return indexes
    }

    /// A zig-zag varint (at most 10 bytes) at `pos`.
    private static func zigZag(_ bytes: UnsafeRawBufferPointer, _ pos: inout Int) throws(ValueDecodeError) -> Int64 {
        let start = pos
        guard pos < bytes.count else { throw ValueDecodeError("message-index list ends inside a varint", at: start) }
        do throws(Varint.Failure) {
            return Varint.zigZag(try Varint.read(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), &pos, end: bytes.count))
        } catch {
            switch error {
            case .truncated: throw ValueDecodeError("message-index list ends inside a varint", at: start)
            case .tooLong: throw ValueDecodeError("message-index varint longer than 10 bytes", at: start)
            }
        }
    }
}
