/// Appends JSON scalars to a byte buffer without building strings: the demo writes hundreds
/// of thousands of scored records a second.
enum JSONBytes {
    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]

    @inline(__always)
    static func ascii(_ s: StaticString, _ out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A JSON string; escapes quotes, backslashes and control characters.
    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(b)
            case 0..<0x20:
                ascii("\\u00", &out)
                out.append(hexDigit(b >> 4))
                out.append(hexDigit(b & 0xF))
            default:
                out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func hexDigit(_ n: UInt8) -> UInt8 {
        n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10
    }

    /// A decimal integer.
    @inline(__always)
    static func int(_ value: Int64, _ out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        unsigned(value.magnitude, minimumDigits: 1, &out)
    }

    /// `value` with at most `decimals` (≤ 7) digits after the point, trailing zeros dropped;
    /// a non-finite value (which the demo never produces) is written as 0 to keep the JSON valid.
    static func fixed(_ value: Double, decimals: Int, _ out: inout [UInt8]) {
        guard value.isFinite, value.magnitude < 9e11 else {
            out.append(UInt8(ascii: "0"))
            return
        }
        let scale = powersOfTen[decimals]
        let scaled = (value.magnitude * scale).rounded()
        let units = UInt64(scaled)
        if value < 0 && units != 0 { out.append(UInt8(ascii: "-")) }
        let divisor = UInt64(scale)
        let whole = units / divisor
        var fraction = units % divisor
        unsigned(whole, minimumDigits: 1, &out)
        guard fraction != 0 else { return }
        var digits = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        unsigned(fraction, minimumDigits: digits, &out)
    }

    @inline(__always)
    private static func unsigned(_ value: UInt64, minimumDigits: Int, _ out: inout [UInt8]) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        withUnsafeMutableBytes(of: &buffer) { raw in
            var v = value
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v != 0 || raw.count - i < minimumDigits
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }
}
