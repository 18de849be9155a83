#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Protobuf straight to natural JSON, without the tree, for messages as serializers write
/// them: fields in declaration order, each field once, a repeated field's elements and a
/// map's entries in one run, each entry its key then its value, map keys distinct. Whatever
/// is not written that way (and every error) is declined, and the tree decides instead, so
/// the text is always `decode(bytes).writeJSON(to:)`'s.
extension ProtobufMessageDecoder {
    /// The message in `bytes` written as natural JSON at the end of `out`: the same text as
    /// `decode(bytes).writeJSON(to: out)` (the path of `pipetop tail --format json`). On an
    /// error, which is `decode`'s, `out` is as it was.
    public func writeJSON(_ bytes: UnsafeRawBufferPointer, to out: JSONTextBuffer) throws(ValueDecodeError) {
        let mark = out.count
        var r = ProtoWireReader(bytes)
        do throws(ValueDecodeError) {
            try stream(root, 0, &r, depth: 0, to: out)
        } catch {
            out.truncate(to: mark)
            try decode(bytes).writeJSON(to: out)
        }
    }

    /// Thrown where the bytes are not written the usual way (or are wrong): the tree reads them.
    private static var declined: ValueDecodeError { ValueDecodeError("declined") }

    /// Most map entries one run may have here: their keys' places, a word each, are kept in
    /// 1 KB, which Swift allocates on the stack (larger temporary allocations cost a check
    /// of the stack and often a heap allocation per message). Longer maps go to the tree.
    private static let maxStreamedKeys = 128

    /// One message (`plan`, which is `plans[p]`), to the end of `r`: members in declaration
    /// order, the fields without presence that are absent written at their defaults in between.
    private func stream(_ plan: ProtoMessagePlan, _ p: Int, _ r: inout ProtoWireReader, depth: Int, to out: JSONTextBuffer) throws(ValueDecodeError) {
        guard depth <= ProtoWireReader.maxDepth else { throw Self.declined }
        guard plan.streamable else {
            try message(p, &r, depth: depth, group: 0).writeJSON(to: out)
            return
        }
        out.byte(UInt8(ascii: "{"))
        var next = 0  // the fields before it are written, or were absent
        var wrote = false
        var oneofsSet: UInt64 = 0
        while !r.atEnd {
            let (n, wt) = try r.tag()
            guard let i = plan.index(of: n), plan.streamedWireTypes[i] & 1 << wt.rawValue != 0 else {
                // Unknown, or the wrong wire type: skipped, as the tree does (groups it reads).
                guard wt != .startGroup, wt != .endGroup else { throw Self.declined }
                try r.skip(wt, number: n, depth: depth)
                continue
            }
            guard i >= next else { throw Self.declined }
            let f = plan.fields[i]
            let oneof: UInt64 = f.oneof >= 0 ? 1 << UInt64(f.oneof) : 0
            guard oneofsSet & oneof == 0 else { throw Self.declined }
            if next < i { writeDefaults(plan, next..<i, wrote: &wrote, to: out) }
            next = i
            let before = out.count
            plan.nameJSON.write(i, to: out, first: !wrote)
            if f.isMap {
                try streamMap(f, n, &r, depth: depth, to: out)
            } else if f.repeated {
                try streamRepeated(f, n, wt, plan.streamedWireTypes[i], &r, depth: depth, to: out)
            } else if f.type.kind.isMessage {
                try streamMessage(f.type, &r, depth: depth, to: out)
            } else if try !streamScalar(f.type, &r, to: out) {
                out.truncate(to: before)  // a closed enum's unknown number: the field stays unset
                continue
            }
            wrote = true
            next = i + 1
            oneofsSet |= oneof
        }
        if next < plan.fields.count { writeDefaults(plan, next..<plan.fields.count, wrote: &wrote, to: out) }
        out.byte(UInt8(ascii: "}"))
    }

    /// The absent fields of `range` that have no presence, at their defaults.
    @inline(__always)
    private func writeDefaults(_ plan: ProtoMessagePlan, _ range: Range<Int>, wrote: inout Bool, to out: JSONTextBuffer) {
        for j in range where !plan.fields[j].hasPresence {
            if wrote { out.byte(UInt8(ascii: ",")) }
            plan.defaultJSON.write(j, to: out)
            wrote = true
        }
    }

    /// A nested message, length-delimited. (Callers test for messages themselves and write
    /// the rest with `streamScalar`: one function for both would be on the recursion through
    /// `stream`, and the optimizer inlined none of its calls.)
    @inline(never)
    private func streamMessage(_ t: ProtoMessagePlan.ValueType, _ r: inout ProtoWireReader, depth: Int, to out: JSONTextBuffer) throws(ValueDecodeError) {
        let range = try r.lengthDelimited()
        var sub = ProtoWireReader(r.bytes, from: range.lowerBound, to: range.upperBound)
        let p = Int(t.message)
        try stream(plans[p], p, &sub, depth: depth + 1, to: out)
    }

    /// A scalar: strings and enum names copied in, doubles and signed integers written as read,
    /// other numbers through their tree value (no allocation); false, with nothing written, for a closed enum's unknown number.
    @inline(__always)
    private func streamScalar(_ t: ProtoMessagePlan.ValueType, _ r: inout ProtoWireReader, to out: JSONTextBuffer) throws(ValueDecodeError) -> Bool {
        switch t.kind {
        case .string:
            try streamString(&r, to: out)
            return true
        case .enumeration:
            let number = Int32(truncatingIfNeeded: try r.varint())
            return unretainedEnums[Int(t.enumeration)]._withUnsafeGuaranteedRef { $0.writeJSON(number, to: out) }
        // The commonest numbers written as read, without a tree value in between.
        case .double:
            out.double(Double(bitPattern: try r.fixed64()))
            return true
        case .int64, .int32:
            out.int(Int64(bitPattern: try r.varint()))
            return true
        default:
            guard let v = try scalar(t, &r) else { return false }
            v.writeJSON(to: out)
            return true
        }
    }

    /// A string, quoted and escaped, checked to be UTF-8 as it is copied.
    @inline(__always)
    private func streamString(_ r: inout ProtoWireReader, to out: JSONTextBuffer) throws(ValueDecodeError) {
        let range = try r.lengthDelimited()
        guard out.quotedIfValidUTF8(UnsafeRawBufferPointer(rebasing: r.bytes[range]), readableFrom: r.bytes.baseAddress!) else {
            throw ValueDecodeError("Protobuf string is not valid UTF-8", at: range.lowerBound)
        }
    }

    /// A repeated field's run of elements (packed or not), the first with wire type `wt`, the
    /// others with those of `accepted` (a bit each), up to the next field.
    private func streamRepeated(_ f: ProtoMessagePlan.Field, _ n: Int, _ wt: ProtoWireReader.WireType, _ accepted: UInt8, _ r: inout ProtoWireReader,
                                depth: Int, to out: JSONTextBuffer) throws(ValueDecodeError) {
        out.byte(UInt8(ascii: "["))
        var first = true
        var wt = wt
        run: while true {
            if wt == .lengthDelimited, f.type.kind.packable {
                let range = try r.lengthDelimited()
                var sub = ProtoWireReader(r.bytes, from: range.lowerBound, to: range.upperBound)
                while !sub.atEnd {
                    let before = out.count
                    if !first { out.byte(UInt8(ascii: ",")) }
                    if try streamScalar(f.type, &sub, to: out) { first = false } else { out.truncate(to: before) }
                }
            } else {
                let before = out.count
                if !first { out.byte(UInt8(ascii: ",")) }
                if f.type.kind.isMessage {
                    try streamMessage(f.type, &r, depth: depth, to: out)
                    first = false
                } else if try streamScalar(f.type, &r, to: out) {
                    first = false
                } else {
                    out.truncate(to: before)
                }
            }
            // The run goes on while the same field follows; its values of a wrong wire type
            // are skipped, as the tree skips them.
            while true {
                let save = r.pos
                guard !r.atEnd, let (m, mwt) = try? r.tag(), m == n else {
                    r.pos = save
                    break run
                }
                if accepted & 1 << mwt.rawValue != 0 {
                    wt = mwt
                    continue run
                }
                guard mwt != .startGroup, mwt != .endGroup else { throw Self.declined }
                try r.skip(mwt, number: m, depth: depth)
            }
        }
        out.byte(UInt8(ascii: "]"))
    }

    /// A map's run of entries, each its key then its value, keys distinct (checked on their
    /// written text: a 128-bit filter, then the earlier keys when it says maybe).
    private func streamMap(_ f: ProtoMessagePlan.Field, _ n: Int, _ r: inout ProtoWireReader, depth: Int,
                           to out: JSONTextBuffer) throws(ValueDecodeError) {
        guard depth + 1 <= ProtoWireReader.maxDepth else { throw Self.declined }
        out.byte(UInt8(ascii: "{"))
        // An entry's key and value tags are one byte each as serializers write them (any
        // other spelling is declined).
        let keyTag = Self.tagByte(1, f.key)
        let valueTag = Self.tagByte(2, f.value)
        let mapStart = out.count
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.maxStreamedKeys) { (keys) throws(ValueDecodeError) in
            var count = 0
            var seen: (UInt64, UInt64) = (0, 0)
            while true {
                let range = try r.lengthDelimited()
                var entry = ProtoWireReader(r.bytes, from: range.lowerBound, to: range.upperBound)
                guard count < Self.maxStreamedKeys, entry.next(keyTag) else { throw Self.declined }
                if count > 0 { out.byte(UInt8(ascii: ",")) }
                let keyStart = out.count
                try writeKey(f.key, &entry, to: out)
                let keyLength = out.count &- keyStart
                out.byte(UInt8(ascii: ":"))
                guard entry.next(valueTag) else { throw Self.declined }
                if f.value.kind.isMessage {
                    try streamMessage(f.value, &entry, depth: depth + 1, to: out)
                } else if f.value.kind == .double {
                    // Features and scores, the commonest map: the double written here, inlined.
                    out.double(Double(bitPattern: try entry.fixed64()))
                } else {
                    guard try streamScalar(f.value, &entry, to: out) else { throw Self.declined }
                }
                guard entry.atEnd else { throw Self.declined }
                // The key is checked once its value is written: read back at once, its text
                // would wait for the stores that wrote it.
                // A key's place: its offset in the map's text (high half) and its length.
                let offset = UInt64(keyStart &- mapStart)
                guard offset >> 32 == 0, keyLength >> 32 == 0 else { throw Self.declined }
                out.reserve(8)  // the hash reads a word from the key's start
                let key = out.base + keyStart
                let hash = Self.hash(key, keyLength)
                let bit: UInt64 = 1 << (hash >> 58)
                let inHigh = hash >> 57 & 1 == 1
                if (inHigh ? seen.1 : seen.0) & bit != 0 {
                    for k in 0..<count where Int(keys[k] & 0xFFFF_FFFF) == keyLength
                        && memcmp(out.base + mapStart + Int(keys[k] >> 32), key, keyLength) == 0 {
                        throw Self.declined
                    }
                }
                if inHigh { seen.1 |= bit } else { seen.0 |= bit }
                keys[count] = offset << 32 | UInt64(keyLength)
                count += 1
                guard r.next(n, .lengthDelimited) else { break }
            }
        }
        out.byte(UInt8(ascii: "}"))
    }

    /// A key text's hash for the seen-keys filter: its first and last 8 bytes (all of a
    /// short one: the word at its start is read whole, room for it reserved, and masked) and
    /// its length, mixed by one multiplication, whose top bits depend on every bit.
    @inline(__always)
    private static func hash(_ text: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var x = UnsafeRawPointer(text).loadUnaligned(as: UInt64.self)
        if count >= 8 {
            let last = UnsafeRawPointer(text + count - 8).loadUnaligned(as: UInt64.self)
            x ^= last << 29 | last >> 35
        } else {
            x &= (1 << (UInt64(count) &* 8)) &- 1
        }
        return (x ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The one-byte tag of field 1 or 2 of `t`'s wire type (a message's: length-delimited).
    private static func tagByte(_ number: UInt8, _ t: ProtoMessagePlan.ValueType) -> UInt8 {
        number << 3 | (t.kind.isMessage ? ProtoWireReader.WireType.lengthDelimited : t.kind.wireType).rawValue
    }

    /// A map key as its JSON member name: strings as they are, numbers and booleans quoted.
    @inline(__always)
    private func writeKey(_ t: ProtoMessagePlan.ValueType, _ r: inout ProtoWireReader, to out: JSONTextBuffer) throws(ValueDecodeError) {
        if t.kind == .string {
            try streamString(&r, to: out)
            return
        }
        out.byte(UInt8(ascii: "\""))
        switch try scalar(t, &r) {
        case .int(let i): out.int(i)
        case .uint(let u): out.uint(u)
        case .bool(let b): out.raw(b ? "true" : "false")
        default: throw Self.declined
        }
        out.byte(UInt8(ascii: "\""))
    }
}
