/// UTF-8 validation for Avro and Protobuf strings (Unicode's table 3-7: no overlong forms,
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
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return false
            }
            guard i + need < count else { return false }
            let second = p[i + 1]
            guard second >= lo && second <= hi else { return false }
            for k in 2..<(need + 1) where p[i + k] & 0xC0 != 0x80 { return false }
            i += need + 1
        }
        return true
    }
}
