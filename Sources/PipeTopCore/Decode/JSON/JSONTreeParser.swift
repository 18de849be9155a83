/// Parses any JSON document into a `DecodedValue` (the `json` and `json-schema` formats),
/// on the contract decoder's scanner: the same RFC 8259 checks (UTF-8, escapes, numbers),
/// nesting capped at `maxDepth`. Integers that fit are `.int` (or `.uint`), other numbers
/// `.double`; a number no `Double` holds (1e400, 30 digits of integer) is kept as exact
/// `.decimal` text, so nothing is lost in printing.
public struct JSONTreeParser {
    public let maxDepth: Int
    private var unescaped: [UInt8] = []
    private var skipStack: [UInt8] = []

    public init(maxDepth: Int = 64) {
        self.maxDepth = max(1, maxDepth)
    }

    /// The document in `bytes` (whitespace around it allowed, nothing else after it).
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(ValueDecodeError) -> DecodedValue {
        var scanner = JSONScanner(bytes, maxDepth: maxDepth, unescaped: unescaped, skipStack: skipStack)
        defer {
            unescaped = scanner.unescaped
            skipStack = scanner.skipStack
        }
        do throws(DecodeError) {
            let value = try Self.value(&scanner)
            scanner.skipWhitespace()
            guard scanner.pos == scanner.count else { throw DecodeError(.trailingGarbage, at: scanner.pos) }
            return value
        } catch {
            throw ValueDecodeError("invalid JSON: " + error.reason, at: error.offset)
        }
    }

    static func value(_ s: inout JSONScanner) throws(DecodeError) -> DecodedValue {
        switch try s.peek() {
        case UInt8(ascii: "{"):
            try s.enterContainer(UInt8(ascii: "{"))
            var members: [DecodedMember] = []
            var first = true
            while let nameToken = try s.nextMember(first: &first) {
                let name = s.string(nameToken)
                members.append(DecodedMember(name, try value(&s)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            try s.enterContainer(UInt8(ascii: "["))
            var items: [DecodedValue] = []
            var first = true
            while try s.nextElement(first: &first) {
                items.append(try value(&s))
            }
            return .array(items)
        case UInt8(ascii: "\""):
            let t = try s.readString()
            return .string(s.string(t))
        case UInt8(ascii: "t"):
            try s.readLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try s.readLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try s.readLiteral("null")
            return .null
        default:
            let t = try s.readNumberToken(.unknown)
            if t.isInteger && t.exact {
                if let i = try? s.int64(t, field: .unknown) { return .int(i) }
                if let u = try? s.uint64(t, field: .unknown) { return .uint(u) }
            }
            if let d = try? s.double(t, field: .unknown) { return .double(d) }
            return .decimal(String(decoding: UnsafeRawBufferPointer(rebasing: s.buf[t.start..<t.end]), as: UTF8.self))
        }
    }
}
