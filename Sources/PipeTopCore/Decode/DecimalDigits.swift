/// Decimal digits written right to left two at a time from a table of the 100 pairs: half the
/// dependent divisions of writing one digit at a time. The integers, fractions and dates of
/// both JSON writers go through it.
enum DecimalDigits {
    /// "00", "01", … "99", back to back.
    private static let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    /// 10^0 … 10^19.
    private static let powers: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ]

    /// How many digits `v` has (0 has one): a guess from its bit length (log10 2 ≈ 1233 / 4096),
    /// then one comparison.
    @inline(__always) static func count(_ v: UInt64) -> Int {
        let x = v | 1  // as many digits, and a bit length of at least 1
        let guess = ((64 - x.leadingZeroBitCount) &* 1_233) >> 12
        return x < powers[guess] ? guess : guess + 1
    }

    /// `v` as exactly `width` digits ending just before `end`, zero-padded (`v` < 10^width;
    /// higher digits are dropped).
    @inline(__always) static func write(_ v: UInt64, width: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
        var at = UnsafeMutableRawPointer(end)
        var rest = v
        var left = width
        while left >= 2 {
            let q = rest / 100
            at -= 2
            at.storeBytes(of: UInt16(truncatingIfNeeded: pair(rest &- q &* 100)), as: UInt16.self)
            rest = q
            left -= 2
        }
        if left == 1 {
            at -= 1
            at.storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10), as: UInt8.self)
        }
    }

    /// `v` (< 10^8) as 8 digits in one word, the first in its lowest byte, as they are stored:
    /// written with one store, and read without loading it back.
    @inline(__always) static func eight(_ v: UInt64) -> UInt64 {
        let high = v / 10_000
        let low = v &- high &* 10_000
        let a = high / 100
        let c = low / 100
        return pair(a) | pair(high &- a &* 100) << 16 | pair(c) << 32 | pair(low &- c &* 100) << 48
    }

    @inline(__always) private static func pair(_ v: UInt64) -> UInt64 {
        UInt64(UnsafeRawPointer(pairs.utf8Start).loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: v) &* 2, as: UInt16.self))
    }
}
