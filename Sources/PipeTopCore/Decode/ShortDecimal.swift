/// The shortest text of a double that is a short decimal, without Swift's general
/// algorithm or a `String`: what both JSON writers print scores and features with.
enum ShortDecimal {
    /// The most bytes `write` writes: a sign, 9 whole digits, a point and 9 fraction digits,
    /// with room to spare.
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
    /// `description` switches to exponents or ulps grow past 10^-9) it declines, and so it does
    /// for whole numbers (the writers print those as integers). A property test compares it
    /// with `description` on millions of values.
    /// (Inlined where it is called: the branch below 10^6; the rest is `writeLarge`'s.)
    @inline(__always) static func write(_ d: Double, to base: UnsafeMutablePointer<UInt8>) -> Int? {
        let a = abs(d)
        guard a >= 1e-4, a < 1e6 else { return writeLarge(d, to: base) }
        let sign = d < 0 ? 1 : 0
        base[0] = UInt8(ascii: "-")
        // m = a · 10^9 rounded to an integer, without a conversion: added to 1.5 · 2^52 (a · 10^9
        // < 10^15 < 2^51), the sum's significand is m, its last bit worth 1. (It rounds a half
        // to even, not up; a product that close to a half has no short decimal, k ≤ 9, either way.)
        let magic = 6_755_399_441_055_744.0
        let rounded = a * 1e9 + magic
        guard (rounded - magic) / 1e9 == a else { return nil }
        let m = rounded.bitPattern &- magic.bitPattern
        let whole = m / 1_000_000_000
        let fraction = m &- whole &* 1_000_000_000
        guard fraction != 0 else { return nil }
        let out = base + sign
        let f = wholeAndPoint(whole, to: out)
        let first = fraction / 100_000_000
        out[f] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: first)
        let rest = DecimalDigits.eight(fraction &- first &* 100_000_000)
        UnsafeMutableRawPointer(out + f + 1).storeBytes(of: rest, as: UInt64.self)
        // At most 8 of the 9 digits are trailing zeros (the fraction is not 0): the last 8,
        // '0' made 0, have as many zero bytes on top (little-endian) as there are.
        return sign + f + 9 - (rest ^ 0x3030_3030_3030_3030).leadingZeroBitCount >> 3
    }

    /// `write` from 10^6 up (and its refusals outside 1e-4 ≤ |d| < 1e9).
    @inline(never) private static func writeLarge(_ d: Double, to base: UnsafeMutablePointer<UInt8>) -> Int? {
        let a = abs(d)
        guard a >= 1e6, a < 1e9 else { return nil }
        let sign = d < 0 ? 1 : 0
        base[0] = UInt8(ascii: "-")
        // (UInt64 below: a · 10^9 < 10^18 fits.)
        var scale = 1.0
        var power: UInt64 = 1
        for k in 1...9 {
            scale *= 10
            power &*= 10
            // a · 10^k + 0.5 truncated: round half up, without a libm call.
            let m = Double(UInt64(a * scale + 0.5))
            // At most 15 significant digits: then that decimal is the only one of its length
            // that reads back as `d` (doubles hold 15.95 digits), so it is `description`'s.
            guard m < 1e15 else { return nil }
            guard m / scale == a else { continue }
            // The fewest digits: m does not end in 0 (m / 10 would have been found at k - 1).
            let whole = UInt64(m) / power
            let fraction = UInt64(m) &- whole &* power
            guard fraction != 0 else { return nil }
            let f = wholeAndPoint(whole, to: base + sign)
            DecimalDigits.write(fraction, width: k, endingAt: base + sign + f + k)
            return sign + f + k
        }
        return nil
    }

    /// Whole numbers print as integers: the one `d` is, when it is whole, below 10^15 in
    /// magnitude and not -0.0 (truncated and compared, without a libm call); else nil.
    @inline(__always) static func wholeNumber(_ d: Double) -> Int64? {
        guard abs(d) < 1e15, Double(Int64(d)) == d, !(d == 0 && d.sign == .minus) else { return nil }
        return Int64(d)
    }

    /// `whole` and a point at `base`; returns the length, where the fraction goes.
    @inline(__always) private static func wholeAndPoint(_ whole: UInt64, to base: UnsafeMutablePointer<UInt8>) -> Int {
        if whole < 10 {  // the commonest: probabilities, scores, standardized features
            base[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: whole)
            base[1] = UInt8(ascii: ".")
            return 2
        }
        let n = DecimalDigits.count(whole)
        DecimalDigits.write(whole, width: n, endingAt: base + n)
        base[n] = UInt8(ascii: ".")
        return n + 1
    }
}
