/// A cursor over Protobuf wire-format bytes (varints, tags, fixed-width and length-delimited
/// values), in the manner of swift-protobuf's `BinaryDecoder`: no allocation, every read
/// checked against the end before it happens, so a hostile length fails at once.
///
/// Offsets in errors are positions in `bytes` (nested messages are ranges of the same buffer).
struct ProtoWireReader {
    /// The wire types (the low 3 bits of a tag).
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    /// The most nested messages and groups a value may hold (recursive types make deeper
    /// nesting possible; real data never comes close).
    static let maxDepth = 64
    /// The highest field number Protobuf allows (2^29 - 1).
    static let maxFieldNumber: UInt64 = 536_870_911

    let bytes: UnsafeRawBufferPointer
    var pos: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        pos = 0
        end = bytes.count
    }

    init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        self.bytes = bytes
        pos = start
        self.end = end
    }

    var atEnd: Bool { pos >= end }

    /// A varint of at most 10 bytes.
    @inline(__always)
    mutating func varint() throws(ValueDecodeError) -> UInt64 {
        guard pos < end else { throw ValueDecodeError("Protobuf value ends inside a varint", at: pos) }
        let first = bytes[pos]
        if first < 0x80 {
            pos &+= 1
            return UInt64(first)
        }
        return try longVarint()
    }

    private mutating func longVarint() throws(ValueDecodeError) -> UInt64 {
        let start = pos
        do throws(Varint.Failure) {
            // Non-empty here: `varint()` saw a byte at `pos`.
            return try Varint.read(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), &pos, end: end)
        } catch {
            switch error {
            case .truncated: throw ValueDecodeError("Protobuf value ends inside a varint", at: start)
            case .tooLong: throw ValueDecodeError("Protobuf varint longer than 10 bytes", at: start)
            }
        }
    }

    /// Reads the one-byte tag `tag` when it is next (0 never is: field number 0 is invalid).
    @inline(__always)
    mutating func next(_ tag: UInt8) -> Bool {
        guard pos < end, bytes[pos] == tag else { return false }
        pos &+= 1
        return true
    }

    /// Reads the tag of field `number` with wire type `wireType` when it is next.
    @inline(__always)
    mutating func next(_ number: Int, _ wireType: WireType) -> Bool {
        if number < 16 { return next(UInt8(number << 3) | wireType.rawValue) }
        let save = pos
        if let (m, wt) = try? tag(), m == number, wt == wireType { return true }
        pos = save
        return false
    }

    /// The next tag: its field number (checked: 1 ... 2^29 - 1) and wire type (checked: 0 ... 5).
    @inline(__always)
    mutating func tag() throws(ValueDecodeError) -> (number: Int, wireType: WireType) {
        let at = pos
        let key = try varint()
        let number = key >> 3
        guard number != 0 else { throw ValueDecodeError("Protobuf field number 0", at: at) }
        guard number <= Self.maxFieldNumber else { throw ValueDecodeError("Protobuf field number \(number) above 2^29-1", at: at) }
        guard let wireType = WireType(rawValue: UInt8(key & 7)) else {
            throw ValueDecodeError("Protobuf wire type \(key & 7) does not exist", at: at)
        }
        return (Int(number), wireType)
    }

    @inline(__always)
    mutating func fixed32() throws(ValueDecodeError) -> UInt32 {
        guard end - pos >= 4 else { throw ValueDecodeError("Protobuf value ends inside a fixed32", at: pos) }
        let v = bytes.loadUnaligned(fromByteOffset: pos, as: UInt32.self)
        pos &+= 4
        return UInt32(littleEndian: v)
    }

    @inline(__always)
    mutating func fixed64() throws(ValueDecodeError) -> UInt64 {
        guard end - pos >= 8 else { throw ValueDecodeError("Protobuf value ends inside a fixed64", at: pos) }
        let v = bytes.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
        pos &+= 8
        return UInt64(littleEndian: v)
    }

    /// A length prefix and the range it covers, checked to lie inside this reader's bytes.
    @inline(__always)
    mutating func lengthDelimited() throws(ValueDecodeError) -> Range<Int> {
        let at = pos
        let length = try varint()
        guard length <= UInt64(end - pos) else {
            throw ValueDecodeError("Protobuf length \(length) runs past the end of the value (\(end - pos) bytes left)", at: at)
        }
        let start = pos
        pos &+= Int(length)
        return start..<pos
    }

    /// Reads the fields to the end, or, for a group (`group` its field number, else 0), through
    /// its end-group tag: `body` reads a field it takes and returns true; the others are skipped.
    mutating func forEachField(group: Int, depth: Int,
                               _ body: (inout ProtoWireReader, Int, WireType) throws(ValueDecodeError) -> Bool) throws(ValueDecodeError) {
        while !atEnd {
            let at = pos
            let (n, wt) = try tag()
            if wt == .endGroup {
                guard n == group else { throw ValueDecodeError("Protobuf end-group tag (field \(n)) without a matching start", at: at) }
                return
            }
            if try !body(&self, n, wt) { try skip(wt, number: n, depth: depth) }
        }
        if group != 0 { throw ValueDecodeError("Protobuf group (field \(group)) has no end-group tag", at: pos) }
    }

    /// Skips one value of `wireType` (the tag already read); a group is skipped up to its
    /// matching end-group tag, nested groups counted against `depth`.
    mutating func skip(_ wireType: WireType, number: Int, depth: Int) throws(ValueDecodeError) {
        switch wireType {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .fixed32: _ = try fixed32()
        case .lengthDelimited: _ = try lengthDelimited()
        case .startGroup: try skipGroup(number: number, depth: depth + 1)
        case .endGroup: throw ValueDecodeError("Protobuf end-group tag (field \(number)) without a start", at: pos)
        }
    }

    /// Skips the rest of a group opened by field `number`, through its end-group tag.
    mutating func skipGroup(number: Int, depth: Int) throws(ValueDecodeError) {
        guard depth <= Self.maxDepth else { throw ValueDecodeError("Protobuf nesting deeper than \(Self.maxDepth)", at: pos) }
        let start = pos
        while pos < end {
            let at = pos
            let (n, wt) = try tag()
            if wt == .endGroup {
                guard n == number else { throw ValueDecodeError("Protobuf end-group tag for field \(n) closes group \(number)", at: at) }
                return
            }
            try skip(wt, number: n, depth: depth)
        }
        throw ValueDecodeError("Protobuf group (field \(number)) has no end-group tag", at: start)
    }

    /// The bytes of `range` as a string, checked to be UTF-8.
    @inline(__always)
    func string(_ range: Range<Int>) throws(ValueDecodeError) -> String {
        String(decoding: try stringBytes(range), as: UTF8.self)
    }

    /// The bytes of `range`, checked to be UTF-8.
    @inline(__always)
    func stringBytes(_ range: Range<Int>) throws(ValueDecodeError) -> UnsafeRawBufferPointer {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        guard UTF8Validation.isValid(slice) else { throw ValueDecodeError("Protobuf string is not valid UTF-8", at: range.lowerBound) }
        return slice
    }
}
