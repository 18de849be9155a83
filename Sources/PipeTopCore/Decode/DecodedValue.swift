/// A message value decoded from any wire format, in its natural JSON shape: the one tree
/// that filters, mapping and printing read, whatever the bytes were (contract or other JSON,
/// Avro, Protobuf, JSON Schema).
///
/// The shape follows what a person reading the data expects (README, "Reading any topic"):
/// Avro unions unwrapped to their value, enums as symbol names, bytes and fixed as base64
/// (`.bytes`, written as base64 only when printed), 64-bit integers as numbers, Protobuf
/// fields under their `.proto` names with defaults present, timestamps as RFC 3339 text.
///
/// Arrays hold the tree directly (no boxes); names and short strings are stored inline by
/// Swift's small-string form, so a flat record costs one allocation for its members.
public enum DecodedValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An unsigned 64-bit value above `Int64.max` (Protobuf `uint64`, `fixed64`).
    case uint(UInt64)
    case double(Double)
    /// An exact decimal number as text (Avro `decimal`), written unquoted.
    case decimal(String)
    case string(String)
    /// Raw bytes (Avro `bytes` and `fixed`, Protobuf `bytes`), written as base64.
    case bytes([UInt8])
    case array([DecodedValue])
    /// Members in the order the schema (or the message) gives them.
    case object([DecodedMember])

    /// The member called `name` of an object, or nil.
    public subscript(member name: String) -> DecodedValue? {
        guard case .object(let members) = self else { return nil }
        for m in members where m.name == name { return m.value }
        return nil
    }

    /// The value as a number, for filters and mapping: numbers as they are, decimals and
    /// numeric text parsed, booleans 1 or 0; nil for anything else.
    public var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .uint(let u): Double(u)
        case .double(let d): d
        case .decimal(let s): Double(s)
        case .bool(let b): b ? 1 : 0
        case .string(let s): Double(s)
        default: nil
        }
    }

    /// The value as text, for filters, keys and mapping: strings as they are, numbers and
    /// booleans as JSON writes them; nil for null, bytes, arrays and objects.
    public var text: String? {
        switch self {
        case .string(let s): s
        case .decimal(let s): s
        case .null, .bytes, .array, .object: nil
        default: String(decoding: jsonBytes(), as: UTF8.self)
        }
    }
}

/// One member of a decoded object.
public struct DecodedMember: Sendable, Hashable {
    public var name: String
    public var value: DecodedValue

    public init(_ name: String, _ value: DecodedValue) {
        self.name = name
        self.value = value
    }
}
