extension JSONScanner {
    /// Reads a string starting at its opening quote; validates UTF-8, rejects raw
    /// control characters and decodes escapes (into `unescaped`) only when present.
    @inline(__always)
    mutating func readString() throws(DecodeError) -> StringToken {
        try expect(UInt8(ascii: "\""))
        let start = pos
        let base = buf.baseAddress.unsafelyUnwrapped
        while true {
            // Eight plain ASCII bytes at a time: no quote, backslash, control or high-bit byte.
            while pos + 8 <= count {
                let w = UInt64(littleEndian: (base + pos).loadUnaligned(as: UInt64.self))
                let special = Self.attentionMask(w)
                if special != 0 {
                    pos += special.trailingZeroBitCount >> 3
                    break
                }
                pos += 8
            }
            guard pos < count else { throw error(.unexpectedEnd, count) }
            let b = byte(pos)
            if b == UInt8(ascii: "\"") {
                pos += 1
                return StringToken(start: start, end: pos - 1, escaped: false)
            } else if b == UInt8(ascii: "\\") {
                break
            } else if b < 0x20 {
                throw error(.controlCharacter, pos)
            } else if b >= 0x80 {
                pos = try utf8SequenceEnd(at: pos)
            } else {
                pos += 1
            }
        }
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[start..<pos]))
        return try readEscapedRest(start: start)
    }

    /// The high bit set in each byte of `w` that is `"`, `\`, below 0x20 or above 0x7F (classic
    /// SWAR tests). Borrows only propagate upward, so the lowest set bit marks the first such byte.
    @inline(__always) static func attentionMask(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let slash = w ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasSlash = (slash &- ones) & ~slash
        let hasControl = (w &- ones &* 0x20) & ~w
        return (hasQuote | hasSlash | hasControl | w) & high
    }

    /// The string's remainder after its first backslash, appended unescaped to `unescaped`.
    private mutating func readEscapedRest(start: Int) throws(DecodeError) -> StringToken {
        while true {
            guard pos < count else { throw error(.unexpectedEnd, count) }
            let b = byte(pos)
            if b == UInt8(ascii: "\"") {
                pos += 1
                return StringToken(start: start, end: pos - 1, escaped: true)
            } else if b == UInt8(ascii: "\\") {
                try readEscape()
            } else if b < 0x20 {
                throw error(.controlCharacter, pos)
            } else if b >= 0x80 {
                let end = try utf8SequenceEnd(at: pos)
                unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[pos..<end]))
                pos = end
            } else {
                unescaped.append(b)
                pos += 1
            }
        }
    }

    private mutating func readEscape() throws(DecodeError) {
        let at = pos
        guard pos + 1 < count else { throw error(.unexpectedEnd, count) }
        let e = byte(pos + 1)
        pos += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(e)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(at: at)
            if scalar >= 0xDC00 && scalar <= 0xDFFF { throw error(.invalidEscape, at) }
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                // A high surrogate must be followed by an escaped low one.
                guard pos + 1 < count, byte(pos) == UInt8(ascii: "\\"), byte(pos + 1) == UInt8(ascii: "u") else {
                    throw pos + 1 >= count ? error(.unexpectedEnd, count) : error(.invalidEscape, at)
                }
                pos += 2
                let low = try hex4(at: at)
                guard low >= 0xDC00 && low <= 0xDFFF else { throw error(.invalidEscape, at) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            appendUTF8(scalar)
        default:
            throw error(.invalidEscape, at)
        }
    }

    /// Four hex digits at `pos`, consumed; errors point at the escape's backslash.
    private mutating func hex4(at escape: Int) throws(DecodeError) -> UInt32 {
        guard pos + 4 <= count else { throw error(.unexpectedEnd, count) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = byte(pos)
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw error(.invalidEscape, escape)
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    private mutating func appendUTF8(_ s: UInt32) {
        if s < 0x80 {
            unescaped.append(UInt8(s))
        } else if s < 0x800 {
            unescaped.append(UInt8(0xC0 | s >> 6))
            unescaped.append(UInt8(0x80 | s & 0x3F))
        } else if s < 0x10000 {
            unescaped.append(UInt8(0xE0 | s >> 12))
            unescaped.append(UInt8(0x80 | (s >> 6) & 0x3F))
            unescaped.append(UInt8(0x80 | s & 0x3F))
        } else {
            unescaped.append(UInt8(0xF0 | s >> 18))
            unescaped.append(UInt8(0x80 | (s >> 12) & 0x3F))
            unescaped.append(UInt8(0x80 | (s >> 6) & 0x3F))
            unescaped.append(UInt8(0x80 | s & 0x3F))
        }
    }

    /// The end of the well-formed UTF-8 sequence starting at `i` (a byte ≥ 0x80);
    /// rejects overlongs, surrogates and scalars above U+10FFFF (RFC 3629).
    func utf8SequenceEnd(at i: Int) throws(DecodeError) -> Int {
        switch UTF8Validation.sequence(buf.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self), at: i, count: count) {
        case .length(let n): return i + n
        case .truncated: throw error(.unexpectedEnd, count)
        case .invalid: throw error(.invalidUTF8, i)
        }
    }
}
