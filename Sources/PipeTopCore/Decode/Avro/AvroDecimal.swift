/// The exact text of an Avro `decimal`: the unscaled value is a two's-complement big-endian
/// integer of any length, the number is unscaled × 10^-scale. Computed on integer limbs,
/// never through `Double`, and written plainly with exactly `scale` fraction digits
/// (unscaled 1500, scale 3 → "1.500"; -5, scale 2 → "-0.05").
enum AvroDecimal {
    /// The longest unscaled value read (≈ 2,466 digits): base conversion is quadratic in the
    /// length, so a hostile length must not buy seconds of CPU.
    static let maxBytes = 1_024

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, scale: Int) -> String {
        let negative = (bytes.first ?? 0) & 0x80 != 0
        var digits: [UInt8]
        if bytes.count <= 8 {
            var v: Int64 = negative ? -1 : 0
            for b in bytes { v = v << 8 | Int64(b) }
            digits = decimalDigits(v.magnitude)
        } else {
            digits = decimalDigits(magnitudeLimbs(bytes, negative: negative))
        }
        let isZero = digits == [UInt8(ascii: "0")]
        if scale > 0 {
            if digits.count <= scale {
                digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale + 1 - digits.count), at: 0)
            }
            digits.insert(UInt8(ascii: "."), at: digits.count - scale)
        }
        if negative && !isZero { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// |value| as base-2³² limbs, most significant first.
    private static func magnitudeLimbs(_ bytes: UnsafeBufferPointer<UInt8>, negative: Bool) -> [UInt32] {
        // Two's complement negation on the bytes: invert, then add one from the right.
        var mag = Array(bytes)
        if negative {
            var carry = true
            for i in mag.indices.reversed() {
                mag[i] = ~mag[i]
                if carry {
                    mag[i] &+= 1
                    carry = mag[i] == 0
                }
            }
        }
        var limbs: [UInt32] = []
        limbs.reserveCapacity(mag.count / 4 + 1)
        let head = mag.count % 4
        var i = 0
        if head > 0 {
            var l: UInt32 = 0
            for b in mag[0..<head] { l = l << 8 | UInt32(b) }
            limbs.append(l)
            i = head
        }
        while i < mag.count {
            limbs.append(UInt32(mag[i]) << 24 | UInt32(mag[i + 1]) << 16 | UInt32(mag[i + 2]) << 8 | UInt32(mag[i + 3]))
            i += 4
        }
        return limbs
    }

    /// Decimal digits of a limb number, by repeated division by 10⁹.
    private static func decimalDigits(_ limbs: [UInt32]) -> [UInt8] {
        var n = limbs
        var first = 0
        var chunks: [UInt32] = []
        while true {
            while first < n.count && n[first] == 0 { first += 1 }
            if first == n.count { break }
            var rem: UInt64 = 0
            for i in first..<n.count {
                let cur = rem << 32 | UInt64(n[i])
                n[i] = UInt32(cur / 1_000_000_000)
                rem = cur % 1_000_000_000
            }
            chunks.append(UInt32(rem))
        }
        guard let top = chunks.last else { return [UInt8(ascii: "0")] }
        var out = decimalDigits(UInt64(top))
        for chunk in chunks.dropLast().reversed() {
            let d = decimalDigits(UInt64(chunk))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 9 - d.count))
            out.append(contentsOf: d)
        }
        return out
    }

    private static func decimalDigits(_ v: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var m = v
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        } while m > 0
        out.reverse()
        return out
    }
}
