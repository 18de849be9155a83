/// Fixed-layout text (dates, times, durations) written byte by byte in place, into storage
/// known to be large enough: no array or `String` per piece. Avro's date and time logical
/// types, Protobuf's Timestamp and Duration, and the natural JSON buffer's integers are written with it.
struct DigitCursor {
    let base: UnsafeMutablePointer<UInt8>
    var count = 0

    @inline(__always) mutating func byte(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    /// `n` in decimal, zero-padded to at least `width` digits.
    mutating func digits(_ n: UInt64, width: Int) {
        var digits = 1
        var m = n
        while m >= 10 {
            m /= 10
            digits += 1
        }
        let total = max(width, digits)
        var v = n
        var i = count + total
        for k in count..<(i - digits) { base[k] = UInt8(ascii: "0") }
        repeat {
            i -= 1
            base[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        } while v > 0
        count += total
    }
}
