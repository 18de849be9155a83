/// The shortest text of a double that is a short decimal, without Swift's general
/// algorithm or a `String`: what both JSON writers print scores and features with.
enum ShortDecimal {
    /// The most bytes `write` writes: a sign, 15 digits and a point.
    static let maxLength = 32

    /// Writes `d` at `base` (room for `maxLength` bytes) and returns the length, or declines
    /// (nil). Scores, probabilities and features are mostly short decimals (0.8037, -3.6703): the
    /// fewest fraction digits k ≤ 9 for which m = round(|d|·10^k) gives m / 10^k == |d|
    /// exactly are what `description` prints, found without its general algorithm. The
    /// division is of two exact doubles (m < 10^15, 10^k ≤ 10^22), so it is correctly
    /// rounded: equal means the text reads back as `d`. Below 10^6 one try at k = 9 finds it:
    /// there |d|·10^9 is within 0.12 of an integer when any k ≤ 9 works (ulps of |d| and of
    /// the product are that small), so m₉ is that k's m followed by zeros, and dropping them
    /// gives the fewest digits. Up to 10^9 each k is tried; outside 1e-4 ≤ |d| < 1e9 (where
    /// `description` switches to exponents or ulps grow past 10^-9) it declines. A property
    /// test compares it with `description` on millions of values.
    @inline(__always) static func write(_ d: Double, to base: UnsafeMutablePointer<UInt8>) -> Int? {
        let a = abs(d)
        guard a >= 1e-4, a < 1e9 else { return nil }
        if a < 1e6 {
            let m = Double(UInt64(a * 1e9 + 0.5))
            guard m / 1e9 == a else { return nil }
            var digits = UInt64(m)
            var k = 9
            while digits % 10 == 0 {
                digits /= 10
                k -= 1
            }
            return writeDecimal(digits, fractionDigits: k, negative: d < 0, to: base)
        }
        // (UInt64 below: a · 10^9 < 10^18 fits.)
        var scale = 1.0
        for k in 1...9 {
            scale *= 10
            // a · 10^k + 0.5 truncated: round half up, without a libm call.
            let m = Double(UInt64(a * scale + 0.5))
            // At most 15 significant digits: then that decimal is the only one of its length
            // that reads back as `d` (doubles hold 15.95 digits), so it is `description`'s.
            guard m < 1e15 else { return nil }
            guard m / scale == a else { continue }
            return writeDecimal(UInt64(m), fractionDigits: k, negative: d < 0, to: base)
        }
        return nil
    }

    /// `digits` / 10^k in decimal, the k fraction digits all written (leading zeros kept:
    /// 0.0042), right to left with divisions by 10 only. Returns the length.
    @inline(__always) private static func writeDecimal(_ digits: UInt64, fractionDigits k: Int, negative: Bool,
                                                      to base: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        var n = 1
        var rest = digits
        while rest >= 10 {
            rest /= 10
            n += 1
        }
        if negative {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        let length = max(n - k, 1) + 1 + k
        var at = count + length
        var v = digits
        for _ in 0..<k {
            at -= 1
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
        at -= 1
        base[at] = UInt8(ascii: ".")
        repeat {
            at -= 1
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        } while v > 0
        return count + length
    }
}
