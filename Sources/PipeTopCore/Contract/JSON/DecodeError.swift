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
        /// A number that does not fit the field (overflows `Double` or the integer type);
        /// `expected` says what fits.
        case numberOutOfRange(field: String, expected: String)
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
        /// A field has the right type but a value the contract does not allow; `expected` says
        /// which values it allows.
        case invalidValue(field: String, expected: String)
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

    /// The field the error is about, as a path from the message (`scored.score`,
    /// `metrics.serving[1].version`, `model.reference.features.amount.counts`); `type` for an
    /// unknown or missing type; nil for errors of JSON syntax.
    public var field: String? {
        switch kind {
        case .numberOutOfRange(let f, _), .wrongType(let f, _), .invalidValue(let f, _): f.isEmpty ? nil : f
        case .missingField(let f): f
        case .unknownType: "type"
        default: nil
        }
    }

    /// What the field should hold (`a number`, `one of "primary", "shadow"`); nil where the
    /// error is not about a value (syntax, a missing field).
    public var expected: String? {
        switch kind {
        case .numberOutOfRange(_, let e), .wrongType(_, let e), .invalidValue(_, let e): e
        case .unknownType: "one of " + EventType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        default: nil
        }
    }

    /// The same error with its field named as a member of `parent` (`version` within
    /// `serving[0]` is `serving[0].version`): the decoder qualifies fields on the way out of
    /// nested objects and of the message, whose type is the outermost parent.
    func within(_ parent: String) -> DecodeError {
        func qualified(_ f: String) -> String { f.isEmpty ? f : parent + "." + f }
        switch kind {
        case .numberOutOfRange(let f, let e): return DecodeError(.numberOutOfRange(field: qualified(f), expected: e), at: offset)
        case .wrongType(let f, let e): return DecodeError(.wrongType(field: qualified(f), expected: e), at: offset)
        case .invalidValue(let f, let e): return DecodeError(.invalidValue(field: qualified(f), expected: e), at: offset)
        case .missingField(let f): return DecodeError(.missingField(qualified(f)), at: offset)
        default: return self
        }
    }

    /// The offending value as it is written in `message` (the bytes this error came from),
    /// shortened to about `limit` characters; nil when the error is not about a value.
    public func value(in message: UnsafeRawBufferPointer, limit: Int = 40) -> String? {
        switch kind {
        case .numberOutOfRange, .wrongType, .invalidValue, .unknownType: break
        default: return nil
        }
        guard offset < message.count, message[offset] != UInt8(ascii: "}") else { return nil }
        var scanner = JSONScanner(message, maxDepth: 64, unescaped: [], skipStack: [])
        scanner.pos = offset
        var end = offset
        do throws(DecodeError) {
            try scanner.skipValue()
            end = scanner.pos
        } catch {
            // Not a whole JSON value (`NaN`): up to the next delimiter.
            while end < message.count, !",}] \t\r\n".utf8.contains(message[end]) { end += 1 }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: message[offset..<end]), as: UTF8.self)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// The description without its offset.
    var reason: String {
        switch kind {
        case .unexpectedEnd: return "message ends inside a value"
        case .unexpectedByte(let b): return "unexpected \(Self.show(b))"
        case .invalidNumber: return "invalid number (JSON allows no NaN, Infinity, leading zeros or bare '.')"
        case .numberOutOfRange(let f, _): return "number out of range for \(Self.field(f))"
        case .invalidEscape: return "invalid escape or lone surrogate in string"
        case .invalidUTF8: return "invalid UTF-8 in string"
        case .controlCharacter: return "unescaped control character in string"
        case .nestingTooDeep: return "arrays/objects nested too deep"
        case .messageTooLarge: return "message too large"
        case .notAnObject: return "message is not a JSON object"
        case .missingField(let f): return "missing field \"\(f)\""
        case .wrongType(let f, let expected): return "field \"\(f)\" should be \(expected)"
        case .invalidValue(let f, _): return "invalid value for field \"\(f)\""
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
