#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cursor over one message's bytes that knows the JSON grammar and nothing about events.
///
/// Strings come back as tokens (byte ranges) so callers can compare them with
/// what they already hold before paying for a `String`. Invariant: `byte(i)` is
/// only called with `i < count`, so an empty buffer's nil base is never read.
struct JSONScanner {
    /// A string value: the raw bytes between the quotes, or, when it held escapes,
    /// the unescaped bytes in `unescaped` (valid until the next escaped string).
    struct StringToken {
        var start: Int
        var end: Int
        var escaped: Bool
    }

    let buf: UnsafeRawBufferPointer
    let count: Int
    let maxDepth: Int
    var pos = 0
    var depth = 0
    /// Unescaped bytes of the last string that held escapes; capacity is reused.
    var unescaped: [UInt8]
    /// Container kinds while skipping unknown values; a heap stack, so deep input cannot overflow the call stack.
    var skipStack: [UInt8]

    init(_ buf: UnsafeRawBufferPointer, maxDepth: Int, unescaped: [UInt8], skipStack: [UInt8]) {
        self.buf = buf
        self.count = buf.count
        self.maxDepth = maxDepth
        self.unescaped = unescaped
        self.skipStack = skipStack
    }

    @inline(__always) func byte(_ i: Int) -> UInt8 {
        buf.baseAddress.unsafelyUnwrapped.load(fromByteOffset: i, as: UInt8.self)
    }

    @inline(__always) func error(_ kind: DecodeError.Kind, _ at: Int) -> DecodeError {
        DecodeError(kind, at: at)
    }

    /// The error for "the byte at `pos` is not what was expected".
    func unexpected() -> DecodeError {
        pos < count ? error(.unexpectedByte(byte(pos)), pos) : error(.unexpectedEnd, count)
    }

    @inline(__always) mutating func skipWhitespace() {
        while pos < count {
            let b = byte(pos)
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    /// The next non-whitespace byte, not consumed; throws at the end of input.
    @inline(__always) mutating func peek() throws(DecodeError) -> UInt8 {
        skipWhitespace()
        guard pos < count else { throw error(.unexpectedEnd, count) }
        return byte(pos)
    }

    @inline(__always) mutating func expect(_ c: UInt8) throws(DecodeError) {
        guard pos < count, byte(pos) == c else { throw unexpected() }
        pos += 1
    }

    mutating func enterContainer(_ open: UInt8) throws(DecodeError) {
        try expect(open)
        depth += 1
        if depth > maxDepth { throw error(.nestingTooDeep, pos - 1) }
    }

    /// Reads the next member name of an object entered with `enterContainer(`{`)`, and its
    /// `:`; `nil` when the object ends (its `}` consumed).
    @inline(__always)
    mutating func nextMember(first: inout Bool) throws(DecodeError) -> StringToken? {
        // Compact JSON (the common case): `,"` follows the previous value directly.
        if !first && pos + 1 < count && byte(pos) == UInt8(ascii: ",") && byte(pos + 1) == UInt8(ascii: "\"") {
            pos += 1
            return try memberName()
        }
        var b = try peek()
        if b == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return nil
        }
        if first {
            first = false
        } else {
            guard b == UInt8(ascii: ",") else { throw unexpected() }
            pos += 1
            b = try peek()
        }
        guard b == UInt8(ascii: "\"") else { throw unexpected() }
        return try memberName()
    }

    /// A member name at `pos` and its `:`.
    @inline(__always) private mutating func memberName() throws(DecodeError) -> StringToken {
        let name = try readString()
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
        skipWhitespace()
        return name
    }

    /// Moves to the next element of an array entered with `enterContainer(`[`)`; `false` at its `]`.
    mutating func nextElement(first: inout Bool) throws(DecodeError) -> Bool {
        let b = try peek()
        if b == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return false
        }
        if first {
            first = false
        } else {
            guard b == UInt8(ascii: ",") else { throw unexpected() }
            pos += 1
            skipWhitespace()
        }
        return true
    }

    /// Consumes `true`, `false` or `null` (the first byte already checked by the caller's dispatch).
    mutating func readLiteral(_ word: StaticString) throws(DecodeError) {
        let n = word.utf8CodeUnitCount
        let p = word.utf8Start
        for i in 0..<n {
            guard pos < count else { throw error(.unexpectedEnd, count) }
            guard byte(pos) == p[i] else { throw unexpected() }
            pos += 1
        }
    }

    // MARK: Strings as values

    /// The string a token denotes.
    func string(_ t: StringToken) -> String {
        if t.escaped { return String(decoding: unescaped, as: UTF8.self) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buf[t.start..<t.end]), as: UTF8.self)
    }

    /// Calls `body` with the token's (unescaped) bytes.
    @inline(__always) func withBytes<R>(_ t: StringToken, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if t.escaped { return unescaped.withUnsafeBytes(body) }
        return body(UnsafeRawBufferPointer(rebasing: buf[t.start..<t.end]))
    }

    /// Stores the token's string in `s` unless `s` already holds exactly those bytes:
    /// repeated values (pipeline, model, feature names) then cost no allocation.
    @inline(__always) func assign(_ t: StringToken, to s: inout String) {
        if !equals(t, s) { s = string(t) }
    }

    @inline(__always)
    func equals(_ t: StringToken, _ s: String) -> Bool {
        withBytes(t) { bytes in
            guard s.utf8.count == bytes.count else { return false }
            guard bytes.count > 0 else { return true }
            // Native and small strings expose contiguous UTF-8; anything else falls back to a walk.
            let fast = s.utf8.withContiguousStorageIfAvailable { have in
                memcmp(have.baseAddress.unsafelyUnwrapped, bytes.baseAddress.unsafelyUnwrapped, bytes.count) == 0
            }
            return fast ?? s.utf8.elementsEqual(bytes)
        }
    }

    /// The contract member name a token denotes, matched as two packed words.
    @inline(__always)
    func fieldKey(_ t: StringToken) -> FieldKey {
        let n = t.escaped ? unescaped.count : t.end - t.start
        guard n > 0, n <= 16 else { return .unknown }
        if !t.escaped && t.start + 16 <= count {
            let p = buf.baseAddress.unsafelyUnwrapped + t.start
            var lo = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
            var hi = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if n < 8 { lo &= (1 &<< UInt64(8 * n)) &- 1 }
            if n <= 8 { hi = 0 } else if n < 16 { hi &= (1 &<< UInt64(8 * (n - 8))) &- 1 }
            return FieldKey.match(count: n, lo: lo, hi: hi)
        }
        return withBytes(t) { bytes in
            var lo: UInt64 = 0
            var hi: UInt64 = 0
            for (i, b) in bytes.enumerated() {
                if i < 8 { lo |= UInt64(b) << UInt64(8 * i) } else { hi |= UInt64(b) << UInt64(8 * (i - 8)) }
            }
            return FieldKey.match(count: n, lo: lo, hi: hi)
        }
    }
}
