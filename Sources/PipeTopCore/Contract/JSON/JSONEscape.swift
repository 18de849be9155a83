/// How JSON strings are escaped (RFC 8259): the quote, the backslash and control characters,
/// with the short forms where there is one and `\u00XX` otherwise. Both JSON writers (the
/// contract's `JSONWriter` and the natural JSON `JSONTextBuffer`) escape through it.
enum JSONEscape {
    /// Whether `b` cannot stand in a JSON string as it is.
    @inline(__always) static func needed(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    /// The escape of `b` (one for which `needed` is true), byte by byte to `emit`.
    @inline(__always) static func write(_ b: UInt8, _ emit: (UInt8) -> Void) {
        emit(UInt8(ascii: "\\"))
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): emit(b)
        case 0x0A: emit(UInt8(ascii: "n"))
        case 0x0D: emit(UInt8(ascii: "r"))
        case 0x09: emit(UInt8(ascii: "t"))
        case 0x08: emit(UInt8(ascii: "b"))
        case 0x0C: emit(UInt8(ascii: "f"))
        default:
            for c in "u00".utf8 { emit(c) }
            emit(hex(b >> 4))
            emit(hex(b & 0xF))
        }
    }

    @inline(__always) private static func hex(_ n: UInt8) -> UInt8 { n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10 }
}
