// Shortcuts for the shapes compact producers emit record after record. Each one either
// succeeds on input the general path would accept identically, or leaves `pos` alone and
// returns nil so the general path (with its error reporting) takes over.
extension JSONScanner {
    /// The next member name as a contract key, or nil at the object's end. Fast when the name
    /// is short and plain and follows `,` (or `{`) directly: one 16-byte look finds its end.
    @inline(__always) mutating func nextKey(first: inout Bool) throws(DecodeError) -> FieldKey? {
        var p = pos
        if !first {
            guard p < count, byte(p) == UInt8(ascii: ",") else { return try slowKey(first: &first) }
            p += 1
        }
        // 16 name bytes are loaded after the quote, and a colon may follow the 15th: 18 bytes in all.
        guard p + 18 <= count, byte(p) == UInt8(ascii: "\"") else { return try slowKey(first: &first) }
        let at = buf.baseAddress.unsafelyUnwrapped + p + 1
        var lo = UInt64(littleEndian: at.loadUnaligned(as: UInt64.self))
        var hi = UInt64(littleEndian: at.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let n: Int
        let loMask = Self.attentionMask(lo)
        if loMask != 0 {
            n = loMask.trailingZeroBitCount >> 3
            lo &= n == 0 ? 0 : ~0 &>> UInt64(64 - 8 * n)
            hi = 0
        } else {
            let hiMask = Self.attentionMask(hi)
            guard hiMask != 0 else { return try slowKey(first: &first) }
            n = 8 + hiMask.trailingZeroBitCount >> 3
            hi &= n == 8 ? 0 : ~0 &>> UInt64(128 - 8 * n)
        }
        // The special byte must be the closing quote, and the colon must follow at once.
        guard byte(p + 1 + n) == UInt8(ascii: "\""), byte(p + 2 + n) == UInt8(ascii: ":") else {
            return try slowKey(first: &first)
        }
        first = false
        pos = p + 3 + n
        skipWhitespace()
        return FieldKey.match(count: n, lo: lo, hi: hi)
    }

    private mutating func slowKey(first: inout Bool) throws(DecodeError) -> FieldKey? {
        guard let name = try nextMember(first: &first) else { return nil }
        return fieldKey(name)
    }

    /// A plain decimal with at most 15 significant digits and no exponent: exact as
    /// `Double(m) / 10^k` (both operands exact, one rounding).
    @inline(__always) mutating func fastDouble() -> Double? {
        var p = pos
        let negative = p < count && byte(p) == UInt8(ascii: "-")
        if negative { p += 1 }
        var m: UInt64 = 0
        let intStart = p
        while p < count, case let d = byte(p) &- UInt8(ascii: "0"), d < 10, p - intStart < 16 {
            m = m &* 10 &+ UInt64(d)
            p += 1
        }
        let intDigits = p - intStart
        guard intDigits > 0, intDigits == 1 || byte(intStart) != UInt8(ascii: "0") else { return nil }
        var fraction = 0
        if p < count && byte(p) == UInt8(ascii: ".") {
            p += 1
            let fractionStart = p
            while p < count, case let d = byte(p) &- UInt8(ascii: "0"), d < 10, p - fractionStart < 16 {
                m = m &* 10 &+ UInt64(d)
                p += 1
            }
            fraction = p - fractionStart
            guard fraction > 0 else { return nil }
        }
        guard intDigits + fraction <= 15 else { return nil }
        if p < count {
            let b = byte(p)
            guard b | 0x20 != UInt8(ascii: "e"), b &- UInt8(ascii: "0") >= 10 else { return nil }
        }
        var v = Double(m)
        if fraction > 0 { v /= Self.pow10(fraction) }
        pos = p
        return negative ? -v : v
    }

    /// A plain integer of at most 18 digits (no fraction or exponent).
    @inline(__always) mutating func fastInt64() -> Int64? {
        var p = pos
        let negative = p < count && byte(p) == UInt8(ascii: "-")
        if negative { p += 1 }
        var m: Int64 = 0
        let start = p
        while p < count, case let d = byte(p) &- UInt8(ascii: "0"), d < 10, p - start < 19 {
            m = m &* 10 &+ Int64(d)
            p += 1
        }
        let digits = p - start
        guard digits > 0, digits <= 18, digits == 1 || byte(start) != UInt8(ascii: "0") else { return nil }
        if p < count {
            let b = byte(p)
            guard b != UInt8(ascii: "."), b | 0x20 != UInt8(ascii: "e") else { return nil }
        }
        pos = p
        return negative ? -m : m
    }
}
