// Tokens are always bound to a local before use: in `string(try readString())` the
// non-mutating call would capture `self` (and its `unescaped` buffer) before the read.
extension JSONScanner {
    /// The error for a value of the wrong JSON type at `pos`; garbage that starts no value is a syntax error instead.
    func mismatch(_ field: FieldKey, _ expected: String) -> DecodeError {
        guard pos < count else { return error(.unexpectedEnd, count) }
        switch byte(pos) {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "t"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return error(.wrongType(field: field.name, expected: expected), pos)
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            return error(.invalidNumber, pos)
        default:
            return unexpected()
        }
    }

    /// Consumes a `null` if one is next; optional fields treat it as absent.
    mutating func readNull() throws(DecodeError) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try readLiteral("null")
        return true
    }

    @inline(__always)
    mutating func readNumberToken(_ field: FieldKey, expected: String = "a number") throws(DecodeError) -> NumberToken {
        let b = try peek()
        guard b == UInt8(ascii: "-") || Self.isDigit(b) else { throw mismatch(field, expected) }
        return try readNumber()
    }

    /// A finite number (scores, features, metrics, bucket bounds).
    @inline(__always)
    mutating func readDouble(_ field: FieldKey) throws(DecodeError) -> Double {
        skipWhitespace()
        if let v = fastDouble() { return v }
        let t = try readNumberToken(field)
        return try double(t, field: field)
    }

    @inline(__always)
    mutating func readInt64(_ field: FieldKey) throws(DecodeError) -> Int64 {
        skipWhitespace()
        if let v = fastInt64() { return v }
        let t = try readNumberToken(field, expected: "an integer")
        return try int64(t, field: field)
    }

    /// `ts_ms`: an integer within `TimestampText.supportedMilliseconds` (1970 to 9999), so
    /// that the store's differences of times can never overflow, whatever a producer writes.
    @inline(__always)
    mutating func readTimestamp() throws(DecodeError) -> Int64 {
        let start = pos
        let v = try readInt64(.tsMs)
        guard TimestampText.supportedMilliseconds.contains(v) else {
            throw error(.numberOutOfRange(field: FieldKey.tsMs.name, expected: TimestampText.supportedText), start)
        }
        return v
    }

    @inline(__always)
    mutating func readInt(_ field: FieldKey) throws(DecodeError) -> Int {
        Int(truncatingIfNeeded: try readInt64(field))
    }

    mutating func readUInt64(_ field: FieldKey) throws(DecodeError) -> UInt64 {
        let t = try readNumberToken(field, expected: "an integer")
        return try uint64(t, field: field)
    }

    @inline(__always)
    mutating func readStringToken(_ field: FieldKey) throws(DecodeError) -> StringToken {
        guard try peek() == UInt8(ascii: "\"") else { throw mismatch(field, "a string") }
        return try readString()
    }

    /// Reads a string into `s`, keeping `s` (and its storage) when the bytes are unchanged.
    @inline(__always)
    mutating func readString(_ field: FieldKey, into s: inout String) throws(DecodeError) {
        let t = try readStringToken(field)
        assign(t, to: &s)
    }

    mutating func readString(_ field: FieldKey) throws(DecodeError) -> String {
        let t = try readStringToken(field)
        return string(t)
    }

    mutating func readOptionalString(_ field: FieldKey) throws(DecodeError) -> String? {
        try readNull() ? nil : readString(field)
    }

    mutating func readOptionalInt(_ field: FieldKey) throws(DecodeError) -> Int? {
        try readNull() ? nil : readInt(field)
    }

    /// A string naming one case of a contract enum (`role`, `event`, `action`, `status`).
    mutating func readEnum<T: RawRepresentable & CaseIterable>(_ field: FieldKey, as: T.Type) throws(DecodeError) -> T
    where T.RawValue == String {
        let at = pos
        let t = try readStringToken(field)
        for c in T.allCases where equals(t, c.rawValue) { return c }
        throw error(.invalidValue(field: field.name, expected: Self.oneOf(T.allCases.map(\.rawValue))), at)
    }

    /// `primary` or `shadow`, matched as packed words: it is on the hot path.
    mutating func readRole() throws(DecodeError) -> Role {
        let at = pos
        let t = try readStringToken(.role)
        switch fieldKey(t) {
        case .primary: return .primary
        case .shadow: return .shadow
        default: throw error(.invalidValue(field: FieldKey.role.name, expected: Self.oneOf(Role.allCases.map(\.rawValue))), at)
        }
    }

    /// `one of "a", "b"`: what an enum field accepts, for errors.
    static func oneOf(_ names: [String]) -> String {
        "one of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// A prediction or label: number, `true`/`false` (1/0) or string; `nil` for `null`.
    mutating func readOutcome(_ field: FieldKey) throws(DecodeError) -> Outcome? {
        switch try peek() {
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return nil
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return .number(1)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return .number(0)
        case UInt8(ascii: "\""):
            let t = try readString()
            return .text(string(t))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let t = try readNumber()
            return .number(try double(t, field: field))
        default:
            throw mismatch(field, "a number, boolean or string")
        }
    }

    /// `[number, ...]` into `values` (replacing its contents, keeping its capacity).
    mutating func readDoubles(_ field: FieldKey, into values: inout [Double]) throws(DecodeError) {
        values.removeAll(keepingCapacity: true)
        guard try peek() == UInt8(ascii: "[") else { throw mismatch(field, "an array of numbers") }
        try enterContainer(UInt8(ascii: "["))
        var first = true
        while try nextElement(first: &first) {
            values.append(try readDouble(field))
        }
    }

    /// `[count, ...]` of non-negative integers.
    mutating func readCounts(_ field: FieldKey) throws(DecodeError) -> [UInt64] {
        var values: [UInt64] = []
        guard try peek() == UInt8(ascii: "[") else { throw mismatch(field, "an array of integers") }
        try enterContainer(UInt8(ascii: "["))
        var first = true
        while try nextElement(first: &first) {
            values.append(try readUInt64(field))
        }
        return values
    }

    /// `{name: number, ...}` into `values`, reusing the names already at each index:
    /// feature sets repeat record after record, so steady state allocates nothing.
    /// Returns how many entries were read; entries past that are stale.
    mutating func readNamedValues(_ field: FieldKey, into values: inout [NamedValue]) throws(DecodeError) -> Int {
        if try readNull() { return 0 }
        guard try peek() == UInt8(ascii: "{") else { throw mismatch(field, "an object of numbers") }
        try enterContainer(UInt8(ascii: "{"))
        var first = true
        var i = 0
        while let name = try nextMember(first: &first) {
            // The name must be taken before the value is read: an escaped name lives in `unescaped`.
            if i < values.count {
                assign(name, to: &values[i].name)
            } else {
                values.append(NamedValue(name: string(name), value: 0))
            }
            values[i].value = try readDouble(field)
            i += 1
        }
        return i
    }

    /// Checks that every member in `required` was seen; the error names the first missing one
    /// and points at the object's closing brace.
    func check(_ seen: UInt64, required: UInt64, closedAt: Int) throws(DecodeError) {
        let missing = required & ~seen
        guard missing != 0 else { return }
        let key = FieldKey(rawValue: UInt8(missing.trailingZeroBitCount)) ?? .unknown
        throw error(.missingField(key.name), closedAt)
    }
}
