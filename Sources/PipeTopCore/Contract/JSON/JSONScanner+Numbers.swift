extension JSONScanner {
    /// A JSON number as scanned: its bytes, sign, up to 19 significant digits and a decimal exponent.
    struct NumberToken {
        var start: Int
        var end: Int
        var negative = false
        /// The digits read as an integer, while they fit (`exact`).
        var mantissa: UInt64 = 0
        var exact = true
        /// Value = mantissa × 10^exp10 when `exact`.
        var exp10 = 0
        /// No fraction and no exponent: integer fields take the mantissa as is.
        var isInteger = true
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// Scans a number per RFC 8259 (no leading zeros, no `.5`, no `1.`, no NaN/Infinity).
    @inline(__always)
    mutating func readNumber() throws(DecodeError) -> NumberToken {
        var t = NumberToken(start: pos, end: pos)
        if pos < count && byte(pos) == UInt8(ascii: "-") {
            t.negative = true
            pos += 1
        }
        guard pos < count else { throw error(.unexpectedEnd, count) }
        let first = byte(pos)
        if first == UInt8(ascii: "0") {
            pos += 1
            if pos < count && Self.isDigit(byte(pos)) { throw error(.invalidNumber, pos) }
        } else if Self.isDigit(first) {
            readDigits(into: &t, fraction: false)
        } else {
            throw error(.invalidNumber, pos)
        }
        if pos < count && byte(pos) == UInt8(ascii: ".") {
            t.isInteger = false
            pos += 1
            guard pos < count, Self.isDigit(byte(pos)) else { throw pos < count ? error(.invalidNumber, pos) : error(.unexpectedEnd, count) }
            readDigits(into: &t, fraction: true)
        }
        if pos < count && (byte(pos) | 0x20) == UInt8(ascii: "e") {
            t.isInteger = false
            pos += 1
            var expNegative = false
            if pos < count && (byte(pos) == UInt8(ascii: "+") || byte(pos) == UInt8(ascii: "-")) {
                expNegative = byte(pos) == UInt8(ascii: "-")
                pos += 1
            }
            guard pos < count, Self.isDigit(byte(pos)) else { throw pos < count ? error(.invalidNumber, pos) : error(.unexpectedEnd, count) }
            var e = 0
            while pos < count, case let b = byte(pos), Self.isDigit(b) {
                // Saturate: any exponent this large already over- or underflows.
                if e < 1_000_000_000 { e = e * 10 + Int(b &- UInt8(ascii: "0")) }
                pos += 1
            }
            t.exp10 += expNegative ? -e : e
        }
        t.end = pos
        return t
    }

    /// The token's value, exactly as `Double(String)` reads it; non-finite → `numberOutOfRange`.
    @inline(__always)
    func double(_ t: NumberToken, field: FieldKey) throws(DecodeError) -> Double {
        if t.exact {
            if t.mantissa == 0 { return t.negative ? -0.0 : 0.0 }
            // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
            if t.mantissa <= 1 << 53 && t.exp10 >= -22 && t.exp10 <= 22 {
                let m = Double(t.mantissa)
                let v = t.exp10 >= 0 ? m * Self.pow10(t.exp10) : m / Self.pow10(-t.exp10)
                return t.negative ? -v : v
            }
        }
        // Hard cases (long mantissas, big exponents) go to the standard library's correctly rounded parser.
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: buf[t.start..<t.end]), as: UTF8.self)
        guard let v = Double(text) else { throw error(.invalidNumber, t.start) }
        guard v.isFinite else { throw error(.numberOutOfRange(field: field.name, expected: "a finite number"), t.start) }
        return v
    }

    /// The token as a whole number in `Int64`; `7.0` and `7e0` are accepted, `7.5` is not.
    @inline(__always)
    func int64(_ t: NumberToken, field: FieldKey) throws(DecodeError) -> Int64 {
        if t.isInteger {
            guard t.exact else { throw error(.numberOutOfRange(field: field.name, expected: Self.int64Range), t.start) }
            if t.negative {
                guard t.mantissa <= UInt64(Int64.max) + 1 else { throw error(.numberOutOfRange(field: field.name, expected: Self.int64Range), t.start) }
                return Int64(truncatingIfNeeded: 0 &- t.mantissa)
            }
            guard t.mantissa <= UInt64(Int64.max) else { throw error(.numberOutOfRange(field: field.name, expected: Self.int64Range), t.start) }
            return Int64(t.mantissa)
        }
        let d = try double(t, field: field)
        guard d.rounded(.towardZero) == d else { throw error(.wrongType(field: field.name, expected: "an integer"), t.start) }
        guard d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 else {
            throw error(.numberOutOfRange(field: field.name, expected: Self.int64Range), t.start)
        }
        return Int64(d)
    }

    /// The token as a non-negative whole number (counters).
    func uint64(_ t: NumberToken, field: FieldKey) throws(DecodeError) -> UInt64 {
        if t.isInteger && !t.negative {
            guard t.exact else { throw error(.numberOutOfRange(field: field.name, expected: Self.uint64Range), t.start) }
            return t.mantissa
        }
        let d = try double(t, field: field)
        guard d.rounded(.towardZero) == d else { throw error(.wrongType(field: field.name, expected: "an integer"), t.start) }
        guard d >= 0 && d < 1.8446744073709551616e19 else { throw error(.numberOutOfRange(field: field.name, expected: Self.uint64Range), t.start) }
        return UInt64(d)
    }

    /// What an `Int64` field accepts, for errors.
    static let int64Range = "an integer from -9223372036854775808 to 9223372036854775807"

    /// What a counter (`UInt64`) accepts, for errors.
    static let uint64Range = "an integer from 0 to 18446744073709551615"

    /// Exact powers of ten representable in a `Double` (10^0 ... 10^22).
    @inline(__always) static func pow10(_ e: Int) -> Double {
        switch e {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }
}

extension JSONScanner {
    /// Appends a run of digits to the token's mantissa: eight at a time while they cannot
    /// overflow, then one by one, and with overflow checks past 18 digits (where only the
    /// slow path, which rereads the text, stays exact).
    @inline(__always) mutating func readDigits(into t: inout NumberToken, fraction: Bool) {
        var m = t.mantissa
        var exp = t.exp10
        var exact = t.exact
        let base = buf.baseAddress.unsafelyUnwrapped
        while exact && m < 100_000_000_000 && pos + 8 <= count {
            let w = UInt64(littleEndian: (base + pos).loadUnaligned(as: UInt64.self))
            guard Self.areEightDigits(w) else { break }
            m = m &* 100_000_000 &+ Self.eightDigitsValue(w)
            if fraction { exp -= 8 }
            pos += 8
        }
        while pos < count {
            let d = byte(pos) &- UInt8(ascii: "0")
            guard d < 10 else { break }
            pos += 1
            guard exact else { continue }
            if m < 1_000_000_000_000_000_000 {
                m = m &* 10 &+ UInt64(d)
            } else {
                let (times10, o1) = m.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
                if o1 || o2 {
                    exact = false
                    continue
                }
                m = sum
            }
            if fraction { exp -= 1 }
        }
        t.mantissa = m
        t.exp10 = exp
        t.exact = exact
    }

    /// Whether all eight bytes of `w` are ASCII digits (simdjson's test).
    @inline(__always) static func areEightDigits(_ w: UInt64) -> Bool {
        (w & 0xF0F0_F0F0_F0F0_F0F0) | (((w &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4) == 0x3333_3333_3333_3333
    }

    /// The value of eight ASCII digits, first digit in the lowest byte (simdjson's SWAR reduction).
    @inline(__always) static func eightDigitsValue(_ w: UInt64) -> UInt64 {
        var v = w &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        v = (((v & mask) &* 0x000F_4240_0000_0064) &+ (((v >> 16) & mask) &* 0x0000_2710_0000_0001)) >> 32
        return v & 0xFFFF_FFFF
    }
}
