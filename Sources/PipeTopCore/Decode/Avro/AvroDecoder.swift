/// Reads one datum of a compiled `AvroSchema` from a byte buffer: the hot loop of Avro
/// decoding. Every read is bounds-checked against the buffer, every length and block count
/// against the bytes left, before anything is allocated; errors carry the offset where the
/// bad value starts.
struct AvroDecoder {
    let schema: AvroSchema
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private(set) var pos = 0
    /// Items of zero-byte types claimed so far in this message.
    private var zeroSizeItems = 0

    init(schema: AvroSchema, bytes: UnsafeRawBufferPointer) {
        self.schema = schema
        // An empty buffer may have no address; any non-nil one does, as nothing is read at it.
        base = (bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!).assumingMemoryBound(to: UInt8.self)
        count = bytes.count
    }

    private var remaining: Int { count - pos }

    mutating func value(_ index: Int32, depth: Int) throws(ValueDecodeError) -> DecodedValue {
        let node = schema.nodes[Int(index)]
        switch node.kind {
        case .null:
            return .null
        case .boolean:
            return .bool(try boolean())
        case .int:
            return .int(try int())
        case .long:
            return .int(try long())
        case .float:
            return .double(try float())
        case .double:
            return .double(try double())
        case .bytes:
            let n = try length("bytes")
            defer { pos += n }
            return .bytes(Array(UnsafeBufferPointer(start: base + pos, count: n)))
        case .string:
            return .string(try string())
        case .record:
            let depth = try enterRecord(node, depth: depth)
            // Filled in place: no growth checks or uniqueness tests per field.
            let start = Int(node.start)
            let n = Int(node.count)
            var failure: ValueDecodeError?
            let members = [DecodedMember](unsafeUninitializedCapacity: n) { buffer, initialized in
                for k in 0..<n {
                    do throws(ValueDecodeError) {
                        let v = try value(schema.links[start + k], depth: depth)
                        (buffer.baseAddress! + k).initialize(to: DecodedMember(schema.fieldNames[start + k], v))
                        initialized = k + 1
                    } catch {
                        failure = error
                        return
                    }
                }
            }
            if let failure { throw failure }
            return .object(members)
        case .enumeration:
            return .string(schema.symbols[try symbol(node)])
        case .union:
            return try value(try branch(node), depth: depth)
        case .array:
            let depth = try enterContainer(depth)
            let itemSize = Int(schema.nodes[Int(node.child)].minSize)
            var items: [DecodedValue] = []
            while true {
                let n = try blockCount(itemSize: itemSize)
                if n == 0 { break }
                items.reserveCapacity(items.count + min(n, 4_096))
                for _ in 0..<n { items.append(try value(node.child, depth: depth)) }
            }
            return .array(items)
        case .map:
            let depth = try enterContainer(depth)
            let entrySize = 1 + Int(schema.nodes[Int(node.child)].minSize)
            var members: [DecodedMember] = []
            while true {
                let n = try blockCount(itemSize: entrySize)
                if n == 0 { break }
                if members.isEmpty && n <= 4_096 {
                    // The usual single block, filled in place like a record.
                    var failure: ValueDecodeError?
                    members = [DecodedMember](unsafeUninitializedCapacity: n) { buffer, initialized in
                        for k in 0..<n {
                            do throws(ValueDecodeError) {
                                let key = try string()
                                let v = try value(node.child, depth: depth)
                                (buffer.baseAddress! + k).initialize(to: DecodedMember(key, v))
                                initialized = k + 1
                            } catch {
                                failure = error
                                return
                            }
                        }
                    }
                    if let failure { throw failure }
                    continue
                }
                // Capacity grows with what is actually read, not with what a count claims.
                members.reserveCapacity(members.count + min(n, 4_096))
                for _ in 0..<n {
                    let key = try string()
                    members.append(DecodedMember(key, try value(node.child, depth: depth)))
                }
            }
            return .object(members)
        case .fixed:
            let n = Int(node.count)
            guard remaining >= n else { throw truncated("fixed of \(n) bytes") }
            if n == 0 { try countZeroSize(1) }
            defer { pos += n }
            return .bytes(Array(UnsafeBufferPointer(start: base + pos, count: n)))
        case .decimalBytes, .decimalFixed:
            let n: Int
            if node.kind == .decimalFixed {
                n = Int(node.count)
                guard remaining >= n else { throw truncated("decimal fixed of \(n) bytes") }
            } else {
                n = try length("decimal")
            }
            guard n <= AvroDecimal.maxBytes else {
                throw ValueDecodeError("decimal of \(n) bytes (at most \(AvroDecimal.maxBytes))", at: pos)
            }
            defer { pos += n }
            return .decimal(AvroDecimal.text(UnsafeBufferPointer(start: base + pos, count: n), scale: Int(node.scale)))
        case .uuidFixed:
            guard remaining >= 16 else { throw truncated("uuid fixed of 16 bytes") }
            defer { pos += 16 }
            return .string(UUIDText.string(UnsafeBufferPointer(start: base + pos, count: 16)))
        case .date:
            return .string(AvroTimeText.date(days: try int()))
        case .timeMillis:
            return time(try int(), unitsPerSecond: 1_000, digits: 3)
        case .timeMicros:
            return time(try long(), unitsPerSecond: 1_000_000, digits: 6)
        case .timestampMillis, .localTimestampMillis:
            return .string(AvroTimeText.timestamp(try long(), unitsPerSecond: 1_000, digits: 3, utc: node.kind == .timestampMillis))
        case .timestampMicros, .localTimestampMicros:
            return .string(AvroTimeText.timestamp(try long(), unitsPerSecond: 1_000_000, digits: 6, utc: node.kind == .timestampMicros))
        case .timestampNanos, .localTimestampNanos:
            return .string(AvroTimeText.timestamp(try long(), unitsPerSecond: 1_000_000_000, digits: 9, utc: node.kind == .timestampNanos))
        }
    }

    /// The nesting depth inside a record of `node`, checked; a record that takes no bytes
    /// counts against the zero-byte budget: a schema that nests such records by name (10
    /// fields of 10 fields of ...) would otherwise be an exponential amount of work for an
    /// empty message.
    @inline(__always)
    mutating func enterRecord(_ node: AvroNode, depth: Int) throws(ValueDecodeError) -> Int {
        let depth = try enterContainer(depth)
        if node.minSize == 0 { try countZeroSize(1) }
        return depth
    }

    /// The nesting depth inside an array, map or record, checked.
    @inline(__always)
    func enterContainer(_ depth: Int) throws(ValueDecodeError) -> Int {
        guard depth < AvroSchema.maxDepth else { throw tooDeep() }
        return depth + 1
    }

    mutating func boolean() throws(ValueDecodeError) -> Bool {
        guard pos < count else { throw truncated("boolean") }
        let b = base[pos]
        guard b <= 1 else { throw ValueDecodeError("boolean byte \(b) (must be 0 or 1)", at: pos) }
        pos += 1
        return b == 1
    }

    @inline(__always)
    mutating func float() throws(ValueDecodeError) -> Double {
        guard remaining >= 4 else { throw truncated("float") }
        let bits = UInt32(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt32.self))
        pos += 4
        return Double(Float(bitPattern: bits))
    }

    @inline(__always)
    mutating func double() throws(ValueDecodeError) -> Double {
        guard remaining >= 8 else { throw truncated("double") }
        let bits = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
        pos += 8
        return Double(bitPattern: bits)
    }

    /// An enum's symbol index in `schema.symbols`, checked against the node's symbols.
    @inline(__always)
    mutating func symbol(_ node: AvroNode) throws(ValueDecodeError) -> Int {
        let at = pos
        let i = try long()
        guard i >= 0, i < Int64(node.count) else {
            throw ValueDecodeError("enum index \(i) out of range (\(node.count) symbols)", at: at)
        }
        return Int(node.start) + Int(i)
    }

    /// The node of a union's branch, its index checked.
    @inline(__always)
    mutating func branch(_ node: AvroNode) throws(ValueDecodeError) -> Int32 {
        let at = pos
        let i = try long()
        guard i >= 0, i < Int64(node.count) else {
            throw ValueDecodeError("union branch \(i) out of range (\(node.count) branches)", at: at)
        }
        return schema.links[Int(node.start) + Int(i)]
    }

    /// A zig-zag varint of at most 10 bytes.
    @inline(__always)
    mutating func long() throws(ValueDecodeError) -> Int64 {
        guard pos < count else { throw truncated("varint") }
        let first = base[pos]
        if first < 0x80 {
            pos += 1
            return Varint.zigZag(UInt64(first))
        }
        return try longSlow()
    }

    private mutating func longSlow() throws(ValueDecodeError) -> Int64 {
        let start = pos
        do throws(Varint.Failure) {
            return Varint.zigZag(try Varint.read(base, &pos, end: count))
        } catch {
            switch error {
            case .truncated: throw ValueDecodeError("message ends inside a varint", at: start)
            case .tooLong: throw ValueDecodeError("varint longer than 10 bytes", at: start)
            }
        }
    }

    /// An Avro `int`: a varint whose value fits 32 bits.
    mutating func int() throws(ValueDecodeError) -> Int64 {
        let at = pos
        let v = try long()
        guard v >= Int64(Int32.min), v <= Int64(Int32.max) else { throw ValueDecodeError("int value \(v) out of 32-bit range", at: at) }
        return v
    }

    /// A length prefix, checked against the bytes left; `pos` is then at the content.
    @inline(__always)
    mutating func length(_ what: StaticString) throws(ValueDecodeError) -> Int {
        let at = pos
        let n = try long()
        guard n >= 0, n <= Int64(remaining) else { throw badLength(n, what, at: at) }
        return Int(n)
    }

    private mutating func string() throws(ValueDecodeError) -> String {
        String(decoding: try stringBytes(), as: UTF8.self)
    }

    /// A string's bytes, checked to be UTF-8, in place in the message.
    @inline(__always)
    mutating func stringBytes() throws(ValueDecodeError) -> UnsafeBufferPointer<UInt8> {
        let n = try length("string")
        guard UTF8Validation.isValid(base + pos, count: n) else { throw ValueDecodeError("string is not valid UTF-8", at: pos) }
        defer { pos += n }
        return UnsafeBufferPointer(start: base + pos, count: n)
    }

    /// A string written quoted and escaped into `out`, checked to be UTF-8 as it is copied.
    @inline(__always)
    mutating func writeString(to out: JSONTextBuffer) throws(ValueDecodeError) {
        let n = try length("string")
        guard out.quotedIfValidUTF8(UnsafeRawBufferPointer(start: base + pos, count: n), readableFrom: base) else {
            throw ValueDecodeError("string is not valid UTF-8", at: pos)
        }
        pos += n
    }

    /// The item count of the next array or map block (0 at the end); a negative count is
    /// followed by the block's size in bytes, which is checked and skipped.
    mutating func blockCount(itemSize: Int) throws(ValueDecodeError) -> Int {
        let at = pos
        var n = try long()
        if n < 0 {
            guard n != .min else { throw ValueDecodeError("block count \(n) out of range", at: at) }
            n = -n
            let sizeAt = pos
            let size = try long()
            guard size >= 0, size <= Int64(remaining) else { throw badLength(size, "block", at: sizeAt) }
        }
        if itemSize > 0 {
            guard n <= Int64(remaining / itemSize) else {
                throw ValueDecodeError("block of \(n) items cannot fit in the \(remaining) bytes left", at: at)
            }
        } else if n > 0 {
            guard n <= Int64(AvroSchema.maxZeroSizeItems) else { throw tooManyZeroSize(at: at) }
            try countZeroSize(Int(n), at: at)
        }
        return Int(n)
    }

    private mutating func countZeroSize(_ n: Int, at: Int? = nil) throws(ValueDecodeError) {
        zeroSizeItems += n
        guard zeroSizeItems <= AvroSchema.maxZeroSizeItems else { throw tooManyZeroSize(at: at ?? pos) }
    }

    private func time(_ v: Int64, unitsPerSecond: Int64, digits: Int) -> DecodedValue {
        // Outside one day there is no time of day to show; the number is kept as it is.
        AvroTimeText.time(v, unitsPerSecond: unitsPerSecond, digits: digits).map { .string($0) } ?? .int(v)
    }

    @inline(never)
    private func truncated(_ what: String) -> ValueDecodeError {
        ValueDecodeError("message ends inside a \(what)", at: pos)
    }

    @inline(never)
    private func badLength(_ n: Int64, _ what: StaticString, at: Int) -> ValueDecodeError {
        n < 0
            ? ValueDecodeError("negative \(what) length \(n)", at: at)
            : ValueDecodeError("\(what) length \(n) exceeds the \(remaining) bytes left", at: at)
    }

    @inline(never)
    private func tooDeep() -> ValueDecodeError {
        ValueDecodeError("nesting deeper than \(AvroSchema.maxDepth) levels", at: pos)
    }

    @inline(never)
    private func tooManyZeroSize(at: Int) -> ValueDecodeError {
        ValueDecodeError("more than \(AvroSchema.maxZeroSizeItems) items of a zero-byte type in one message", at: at)
    }
}
