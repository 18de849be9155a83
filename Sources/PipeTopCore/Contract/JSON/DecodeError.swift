/// Why a message could not be decoded, and the byte offset where the decoder noticed.
public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in terms of JSON syntax or the event contract.
    public enum Kind: Sendable, Equatable {
        /// The input ended inside a value.
        case unexpectedEnd
        /// A byte that cannot start or continue the value being read.
        case unexpectedByte(UInt8)
        /// Not a JSON number (leading zero, missing digits, `NaN`, `Infinity`...).
        case invalidNumber
        /// A number that does not fit the field (overflows `Double` or the integer type).
        case numberOutOfRange(field: String)
        /// A bad backslash escape or a lone UTF-16 surrogate.
        case invalidEscape
        /// A string holds bytes that are not valid UTF-8.
        case invalidUTF8
        /// A string holds a raw control character (U+0000...U+001F must be escaped).
        case controlCharacter
        /// Arrays/objects nested deeper than the decoder's `maxDepth`.
        case nestingTooDeep
        /// The message is larger than the decoder's `maxMessageBytes`.
        case messageTooLarge
        /// The message is valid JSON but not an object.
        case notAnObject
        /// A field the message type requires is absent.
        case missingField(String)
        /// A field holds the wrong JSON type (e.g. a string where a number belongs).
        case wrongType(field: String, expected: String)
        /// A field has the right type but a value the contract does not allow.
        case invalidValue(field: String)
        /// The `type` field names no known message type.
        case unknownType(String)
        /// Bytes follow the top-level object.
        case trailingGarbage
    }

    public var kind: Kind
    /// Byte offset into the message, `0...count`.
    public var offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        "\(reason) at byte \(offset)"
    }

    /// The description without its offset.
    var reason: String {
        switch kind {
        case .unexpectedEnd: return "message ends inside a value"
        case .unexpectedByte(let b): return "unexpected \(Self.show(b))"
        case .invalidNumber: return "invalid number (JSON allows no NaN, Infinity, leading zeros or bare '.')"
        case .numberOutOfRange(let f): return "number out of range for \(Self.field(f))"
        case .invalidEscape: return "invalid escape or lone surrogate in string"
        case .invalidUTF8: return "invalid UTF-8 in string"
        case .controlCharacter: return "unescaped control character in string"
        case .nestingTooDeep: return "arrays/objects nested too deep"
        case .messageTooLarge: return "message too large"
        case .notAnObject: return "message is not a JSON object"
        case .missingField(let f): return "missing field \"\(f)\""
        case .wrongType(let f, let expected): return "field \"\(f)\" should be \(expected)"
        case .invalidValue(let f): return "invalid value for field \"\(f)\""
        case .unknownType(let t): return "unknown message type \"\(t.prefix(40))\""
        case .trailingGarbage: return "unexpected data after the JSON object"
        }
    }

    private static func field(_ f: String) -> String {
        f.isEmpty ? "a number" : "field \"\(f)\""
    }

    private static func show(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        let hex = String(b, radix: 16, uppercase: true)
        return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
