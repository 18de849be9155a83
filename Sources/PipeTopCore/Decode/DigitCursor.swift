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
    @inline(__always) mutating func digits(_ n: UInt64, width: Int) {
        let total = max(width, DecimalDigits.count(n))
        count += total
        DecimalDigits.write(n, width: total, endingAt: base + count)
    }
}
