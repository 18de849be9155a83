/// UTF-8 validation for Avro, Protobuf and JSON strings (Unicode's table 3-7: no overlong forms,
/// no surrogates, nothing past U+10FFFF), with an eight-bytes-at-a-time ASCII fast path.
/// The standard library's `String(validating:as:)` goes through unspecialized generic code
/// on Linux and cost a quarter of the Avro decoding time.
enum UTF8Validation {
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
        return isValid(p, count: bytes.count)
    }

    static func isValid(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < count {
            if p[i] < 0x80 {
                i += 1
                continue
            }
            guard case .length(let n) = sequence(p, at: i, count: count) else { return false }
            i += n
        }
        return true
    }

    /// What starts at a byte ≥ 0x80.
    enum Sequence: Equatable {
        /// A well-formed sequence of this many bytes.
        case length(Int)
        /// The bytes end before the sequence does (those present being well-formed).
        case truncated
        case invalid
    }

    /// The multi-byte sequence starting at `i` (`p[i]` ≥ 0x80), checked byte by byte.
    @inline(__always)
    static func sequence(_ p: UnsafePointer<UInt8>, at i: Int, count: Int) -> Sequence {
        let need: Int
        var lo: UInt8 = 0x80
        var hi: UInt8 = 0xBF
        switch p[i] {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: need = 2
        case 0xED: need = 2; hi = 0x9F
        case 0xF0: need = 3; lo = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; hi = 0x8F
        default: return .invalid
        }
        for k in 1...need {
            guard i + k < count else { return .truncated }
            let c = p[i + k]
            guard k == 1 ? c >= lo && c <= hi : c & 0xC0 == 0x80 else { return .invalid }
        }
        return .length(need + 1)
    }
}
