/// One message type compiled for decoding: its fields in declaration order with their
/// kinds and defaults, and a field-number index, built once per decoder (as fastavro
/// compiles a schema into a reader per type) so the per-message loop only looks things up.
final class ProtoMessagePlan: Sendable {
    /// Types with their own JSON form (protobuf's JSON mapping for well-known types).
    enum WellKnown: Sendable {
        case none, timestamp, duration, wrapper, structType, value, listValue, any, fieldMask
    }

    /// A value's kind, numbered as `FieldDescriptorProto.Type`.
    enum Kind: UInt8, Sendable {
        case double = 1, float, int64, uint64, int32, fixed64, fixed32, bool, string, group, message, bytes, uint32,
            enumeration, sfixed32, sfixed64, sint32, sint64

        /// The wire type a single value of this kind is written with.
        var wireType: ProtoWireReader.WireType {
            switch self {
            case .double, .fixed64, .sfixed64: .fixed64
            case .float, .fixed32, .sfixed32: .fixed32
            case .string, .bytes, .message: .lengthDelimited
            case .group: .startGroup
            default: .varint
            }
        }

        /// Whether a repeated field of this kind may be packed (numbers, bools, enums).
        var packable: Bool { wireType != .lengthDelimited && wireType != .startGroup }

        var isMessage: Bool { self == .message || self == .group }
    }

    /// A value's type: its kind, and the plan of its message or enum type (else -1).
    struct ValueType: Sendable {
        let kind: Kind
        let message: Int32
        let enumeration: Int32

        init(_ kind: Kind, message: Int = -1, enumeration: Int = -1) {
            self.kind = kind
            self.message = Int32(message)
            self.enumeration = Int32(enumeration)
        }
    }

    /// A field compiled for decoding: plain values only (its name is in `template`), so the
    /// decoding loop copies it without reference counting.
    struct Field: Sendable {
        let type: ValueType
        let repeated: Bool
        /// A `map<K, V>` field (repeated entries of key field 1 and value field 2).
        let isMap: Bool
        /// Included only when set (proto2 and proto3 `optional`, messages, oneof members).
        let hasPresence: Bool
        /// The oneof it belongs to, or -1.
        let oneof: Int32
        /// A map's key and value types (for other fields, unused).
        let key: ValueType
        let value: ValueType
    }

    let fullName: String
    let wellKnown: WellKnown
    let fields: [Field]
    /// The object every message starts as: each field under its name at its default value
    /// (fields with presence hold `.null` until set and are dropped when unset).
    let template: [DecodedMember]
    let anyPresence: Bool
    /// `,"name":` of each field (`PrewrittenJSON(memberNames:)`), and `"name":default` of each
    /// (fields without presence fill the gaps with it), for `ProtobufMessageDecoder.writeJSON`.
    let nameJSON: PrewrittenJSON
    let defaultJSON: PrewrittenJSON
    /// Whether `writeJSON` writes this type as it reads it: a plain message (well-known types
    /// have JSON forms of their own) with at most 64 oneofs (their set members fit one word).
    let streamable: Bool
    /// The wire types each field's values are read with by `writeJSON`, a bit each
    /// (`1 << rawValue`): messages length-delimited (groups left to the tree), numbers also
    /// packed when repeated, map entries length-delimited.
    let streamedWireTypes: [UInt8]
    /// Field indexes of each oneof, to unset the other members when one is set.
    let oneofMembers: [[Int]]
    /// Field number → field index + 1 (0: unknown), for numbers below `dense.count`.
    private let dense: [Int32]
    private let sparse: [Int: Int]

    init(fullName: String, wellKnown: WellKnown, fields: [Field], names: [String], defaults: [DecodedValue], numbers: [Int], oneofCount: Int) {
        self.fullName = fullName
        self.wellKnown = wellKnown
        self.fields = fields
        template = (0..<fields.count).map { DecodedMember(names[$0], fields[$0].hasPresence ? .null : defaults[$0]) }
        anyPresence = fields.contains { $0.hasPresence }
        nameJSON = PrewrittenJSON(memberNames: names)
        var defaultJSON = PrewrittenJSON()
        for (name, value) in zip(names, defaults) {
            defaultJSON.append { out in
                out.string(name)
                out.byte(UInt8(ascii: ":"))
                value.writeJSON(to: out)
            }
        }
        self.defaultJSON = defaultJSON
        streamable = wellKnown == .none && oneofCount <= 64
        streamedWireTypes = fields.map { f in
            let one = f.isMap || f.type.kind.isMessage ? ProtoWireReader.WireType.lengthDelimited : f.type.kind.wireType
            let packed = f.repeated && !f.isMap && f.type.kind.packable
            return 1 << one.rawValue | (packed ? 1 << ProtoWireReader.WireType.lengthDelimited.rawValue : 0)
        }
        var members = [[Int]](repeating: [], count: oneofCount)
        for (i, f) in fields.enumerated() where f.oneof >= 0 && f.oneof < oneofCount { members[Int(f.oneof)].append(i) }
        oneofMembers = members
        let limit = min((numbers.max() ?? 0) + 1, 4096)
        var dense = [Int32](repeating: 0, count: limit)
        var sparse: [Int: Int] = [:]
        for (i, n) in numbers.enumerated() {
            if n < limit { dense[n] = Int32(i + 1) } else { sparse[n] = i }
        }
        self.dense = dense
        self.sparse = sparse
    }

    /// The index of the field numbered `number`, or nil for an unknown field.
    @inline(__always)
    func index(of number: Int) -> Int? {
        if number < dense.count {
            let i = Int(dense[number])
            return i == 0 ? nil : i - 1
        }
        return sparse.isEmpty ? nil : sparse[number]
    }
}
