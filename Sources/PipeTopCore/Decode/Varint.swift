/// The base-128 varint of Avro, Protobuf and the registry frame's message indexes: at most 10
/// bytes, read once here so every decoder bounds it the same way. Callers word their own errors.
enum Varint {
    enum Failure: Error {
        /// The bytes end inside the varint.
        case truncated
        /// More than 10 bytes.
        case tooLong
    }

    /// The varint at `pos` (which moves past it); bytes before `end` only.
    @inline(__always)
    static func read(_ base: UnsafePointer<UInt8>, _ pos: inout Int, end: Int) throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < end else { throw .truncated }
            guard shift < 64 else { throw .tooLong }
            let b = base[pos]
            pos += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    /// Zig-zag decoding (Avro's int and long, the frame's indexes).
    @inline(__always)
    static func zigZag(_ v: UInt64) -> Int64 {
        Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }
}
