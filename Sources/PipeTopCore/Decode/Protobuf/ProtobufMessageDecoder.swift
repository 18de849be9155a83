/// Decodes Protobuf wire-format messages of one type into their natural JSON tree, from
/// the type's compiled plans (`ProtobufDescriptorPool.decoder(forMessage:)`); immutable,
/// so one decoder serves every thread.
///
/// The tree is protobuf's own JSON printer's with `always_print_fields_with_no_presence`
/// and `preserving_proto_field_name`, in declaration order, except that 64-bit integers
/// are numbers (`.int`, or `.uint` above `Int64.max`), not strings. Choices where the
/// bytes are not what the schema says:
/// - a known field with the wrong wire type is skipped as an unknown field, as protobuf's
///   parsers do (a length-delimited value for a repeated number field is read as packed,
///   a group as well as length-delimited bytes for a message field);
/// - a non-repeated field seen twice keeps its last value, messages included (protobuf
///   would merge two occurrences of a message field; the last one wins here); a map key
///   seen twice keeps its last value; a oneof keeps its last member;
/// - a closed (proto2) enum's unknown number leaves the field unset, as protobuf does;
///   an open enum's unknown number is shown as the number;
/// - a Timestamp or Duration out of protobuf's JSON range is shown as
///   `{"seconds": …, "nanos": …}` (protobuf's printer fails the whole message instead);
/// - an `Any` whose type is not in the pool is `{"@type": url, "value": base64}`;
/// - a `float` is the double its shortest text names (0.1f → 0.1), as protobuf prints it.
///
/// Well-known types take protobuf's JSON forms: Timestamp and Duration as text, wrappers
/// as their bare value, Struct/Value/ListValue as plain JSON, `NullValue` as null, Any as
/// `{"@type", …fields}`, FieldMask as "a,b.cD", Empty as `{}`.
///
/// Malformed input (truncated or over-long varints, lengths past the end, field number 0,
/// unmatched end-group tags, nesting deeper than 64, invalid UTF-8) throws a
/// `ValueDecodeError` at the byte where it was seen; lengths are checked before anything
/// is read or allocated.
public struct ProtobufMessageDecoder: Sendable {
    /// The full name of the type decoded (`pkg.Outer.Inner`).
    public let messageName: String
    let plans: [ProtoMessagePlan]
    /// `plans[0]`, the message decoded: passed from here, it is borrowed without reference
    /// counting (an array element is retained while it is used).
    let root: ProtoMessagePlan
    let enums: [ProtoEnumPlan]
    /// `enums`, unretained (they keep them), for `writeJSON` to borrow one per value without
    /// reference counting.
    let unretainedEnums: [Unmanaged<ProtoEnumPlan>]
    /// Plans by full name (leading dot), for `Any`.
    let planIndex: [String: Int]

    init(pool: ProtobufDescriptorPool, root: String) {
        var compiler = ProtoPlanCompiler(pool: pool)
        plans = compiler.compile(root: root)
        self.root = plans[0]
        enums = compiler.enums
        unretainedEnums = enums.map { Unmanaged.passUnretained($0) }
        planIndex = compiler.messageIndex
        messageName = String(root.dropFirst())
    }

    /// The message in `bytes` (the whole buffer; a Confluent frame's payload is passed
    /// without its header).
    public func decode(_ bytes: UnsafeRawBufferPointer) throws(ValueDecodeError) -> DecodedValue {
        var r = ProtoWireReader(bytes)
        return try message(0, &r, depth: 0, group: 0)
    }

    /// The message in `bytes`.
    public func decode(_ bytes: [UInt8]) throws(ValueDecodeError) -> DecodedValue {
        try bytes.withUnsafeBytes { raw in Result { () throws(ValueDecodeError) in try decode(raw) } }.get()
    }

    /// One message: to the end of `r`, or, for a group (`group` its field number, else 0),
    /// through its end-group tag.
    func message(_ p: Int, _ r: inout ProtoWireReader, depth: Int, group: Int) throws(ValueDecodeError) -> DecodedValue {
        guard depth <= ProtoWireReader.maxDepth else { throw ValueDecodeError("Protobuf nesting deeper than \(ProtoWireReader.maxDepth)", at: r.pos) }
        let plan = plans[p]
        switch plan.wellKnown {
        case .timestamp, .duration: return try secondsNanos(timestamp: plan.wellKnown == .timestamp, &r, depth: depth, group: group)
        case .any: return try any(&r, depth: depth, group: group)
        default: break
        }
        var members = plan.template
        var set: UInt64 = 0
        var setHigh: [Bool] = plan.fields.count > 64 ? [Bool](repeating: false, count: plan.fields.count) : []
        var largeMaps = false
        var ended = false
        while !r.atEnd {
            let at = r.pos
            let (n, wt) = try r.tag()
            if wt == .endGroup {
                guard n == group else { throw ValueDecodeError("Protobuf end-group tag (field \(n)) without a matching start", at: at) }
                ended = true
                break
            }
            guard let i = plan.index(of: n) else {
                try r.skip(wt, number: n, depth: depth)
                continue
            }
            let f = plan.fields[i]
            if f.isMap {
                guard wt == .lengthDelimited else {
                    try r.skip(wt, number: n, depth: depth)
                    continue
                }
                guard case .object(var entries) = members[i].value else { continue }
                members[i].value = .null  // `entries` is now the only reference: appends happen in place
                if entries.isEmpty { entries.reserveCapacity(8) }
                // A map's entries are usually written one after another: read the run here.
                while true {
                    let range = try r.lengthDelimited()
                    largeMaps = try mapEntry(f, range, r.bytes, into: &entries, depth: depth + 1) || largeMaps
                    let next = r.pos
                    guard !r.atEnd, let (m, mwt) = try? r.tag(), m == n, mwt == .lengthDelimited else {
                        r.pos = next
                        break
                    }
                }
                members[i].value = .object(entries)
            } else if f.repeated {
                try repeated(f.type, wt, n, &r, into: &members[i].value, depth: depth)
            } else if let v = try single(f.type, wt, n, &r, depth: depth) {
                members[i].value = v
                if f.hasPresence {
                    if f.oneof >= 0 {
                        for j in plan.oneofMembers[Int(f.oneof)] {
                            if j < 64 { set &= ~(1 << UInt64(j)) } else { setHigh[j] = false }
                        }
                    }
                    if i < 64 { set |= 1 << UInt64(i) } else { setHigh[i] = true }
                }
            }
        }
        if group != 0, !ended { throw ValueDecodeError("Protobuf group (field \(group)) has no end-group tag", at: r.pos) }
        if plan.anyPresence {
            var kept = 0
            for i in 0..<members.count {
                let f = plan.fields[i]
                if !f.hasPresence || (i < 64 ? set & (1 << UInt64(i)) != 0 : setHigh[i]) {
                    if kept != i { members.swapAt(kept, i) }
                    kept += 1
                }
            }
            members.removeLast(members.count - kept)
        }
        if largeMaps {
            for i in members.indices { members[i].value = Self.lastKeysOnly(members[i].value) }
        }
        switch plan.wellKnown {
        case .wrapper, .structType, .listValue: return members.first?.value ?? .null
        case .value: return members.first?.value ?? .null
        case .fieldMask: return ProtoWellKnownText.fieldMask(members.first?.value ?? .null)
        default: return .object(members)
        }
    }

    /// A non-repeated value, or nil when it is to be ignored (wrong wire type, skipped;
    /// unknown number of a closed enum).
    @inline(__always)
    func single(_ t: ProtoMessagePlan.ValueType, _ wt: ProtoWireReader.WireType, _ n: Int, _ r: inout ProtoWireReader,
                        depth: Int) throws(ValueDecodeError) -> DecodedValue? {
        if t.kind.isMessage {
            switch wt {
            case .lengthDelimited:
                let range = try r.lengthDelimited()
                var sub = ProtoWireReader(r.bytes, from: range.lowerBound, to: range.upperBound)
                return try message(Int(t.message), &sub, depth: depth + 1, group: 0)
            case .startGroup:
                return try message(Int(t.message), &r, depth: depth + 1, group: n)
            default:
                try r.skip(wt, number: n, depth: depth)
                return nil
            }
        }
        guard wt == t.kind.wireType else {
            try r.skip(wt, number: n, depth: depth)
            return nil
        }
        return try scalar(t, &r)
    }

    /// A number, bool, enum, string or bytes value of `f`'s kind (the wire type checked).
    @inline(__always)
    func scalar(_ t: ProtoMessagePlan.ValueType, _ r: inout ProtoWireReader) throws(ValueDecodeError) -> DecodedValue? {
        switch t.kind {
        case .string: return .string(try r.string(try r.lengthDelimited()))
        case .bytes: return .bytes(Array(UnsafeRawBufferPointer(rebasing: r.bytes[try r.lengthDelimited()])))
        case .double: return .double(Double(bitPattern: try r.fixed64()))
        case .float: return .double(Self.widen(Float(bitPattern: try r.fixed32())))
        case .int64, .int32: return .int(Int64(bitPattern: try r.varint()))  // int32 negatives are sign-extended to 10 bytes
        case .uint64:
            let v = try r.varint()
            return v <= UInt64(Int64.max) ? .int(Int64(v)) : .uint(v)
        case .uint32: return .int(Int64(UInt32(truncatingIfNeeded: try r.varint())))
        case .sint32:
            let v = UInt32(truncatingIfNeeded: try r.varint())
            return .int(Int64(Int32(bitPattern: v >> 1) ^ -Int32(bitPattern: v & 1)))
        case .sint64:
            let v = try r.varint()
            return .int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1))
        case .bool: return .bool(try r.varint() != 0)
        case .enumeration: return enums[Int(t.enumeration)].value(Int32(truncatingIfNeeded: try r.varint()))
        case .fixed32: return .int(Int64(try r.fixed32()))
        case .sfixed32: return .int(Int64(Int32(bitPattern: try r.fixed32())))
        case .fixed64:
            let v = try r.fixed64()
            return v <= UInt64(Int64.max) ? .int(Int64(v)) : .uint(v)
        case .sfixed64: return .int(Int64(bitPattern: try r.fixed64()))
        case .message, .group: return nil
        }
    }

    /// One element (or a packed run of elements) of a repeated field, appended to `slot`.
    private func repeated(_ t: ProtoMessagePlan.ValueType, _ wt: ProtoWireReader.WireType, _ n: Int, _ r: inout ProtoWireReader,
                          into slot: inout DecodedValue, depth: Int) throws(ValueDecodeError) {
        guard case .array(var items) = slot else { return }
        slot = .null  // `items` is now the only reference: appends happen in place
        defer { slot = .array(items) }
        if items.isEmpty { items.reserveCapacity(4) }
        if wt == .lengthDelimited, t.kind.packable {
            let range = try r.lengthDelimited()
            var sub = ProtoWireReader(r.bytes, from: range.lowerBound, to: range.upperBound)
            while !sub.atEnd {
                if let v = try scalar(t, &sub) { items.append(v) }
            }
        } else if let v = try single(t, wt, n, &r, depth: depth) {
            items.append(v)
        }
    }

    /// One `map<K, V>` entry, added to `members` (a key seen before is replaced
    /// while the map is small; returns true when it is large and keys are left to
    /// `lastKeysOnly`).
    private func mapEntry(_ f: ProtoMessagePlan.Field, _ range: Range<Int>, _ bytes: UnsafeRawBufferPointer,
                          into members: inout [DecodedMember], depth: Int) throws(ValueDecodeError) -> Bool {
        guard depth <= ProtoWireReader.maxDepth else { throw ValueDecodeError("Protobuf nesting deeper than \(ProtoWireReader.maxDepth)", at: range.lowerBound) }
        var r = ProtoWireReader(bytes, from: range.lowerBound, to: range.upperBound)
        var key: DecodedValue?
        var value: DecodedValue?
        while !r.atEnd {
            let at = r.pos
            let (n, wt) = try r.tag()
            if wt == .endGroup { throw ValueDecodeError("Protobuf end-group tag (field \(n)) without a matching start", at: at) }
            if n == 1 {
                if let v = try single(f.key, wt, n, &r, depth: depth) { key = v }
            } else if n == 2 {
                if let v = try single(f.value, wt, n, &r, depth: depth) { value = v }
            } else {
                try r.skip(wt, number: n, depth: depth)
            }
        }
        if value == nil {
            if f.value.kind.isMessage {
                var empty = ProtoWireReader(bytes, from: 0, to: 0)
                value = try message(Int(f.value.message), &empty, depth: depth + 1, group: 0)
            } else {
                value = ProtoPlanCompiler.defaultValue(f.value.kind, f.value.enumeration >= 0 ? enums[Int(f.value.enumeration)] : nil)
            }
        }
        let name: String
        switch key ?? ProtoPlanCompiler.defaultValue(f.key.kind, nil) {
        case .string(let s): name = s
        case .int(let i): name = String(i)
        case .uint(let u): name = String(u)
        case .bool(let b): name = b ? "true" : "false"
        default: name = ""
        }
        let member = DecodedMember(name, value ?? .null)
        if members.count <= 32 {
            for i in members.indices where members[i].name == name {
                members[i] = member
                return false
            }
        }
        members.append(member)
        return members.count > 32
    }

    /// A large map with each key once, its last value kept (only maps are touched).
    private static func lastKeysOnly(_ value: DecodedValue) -> DecodedValue {
        guard case .object(let members) = value, members.count > 32 else { return value }
        var position: [String: Int] = [:]
        var kept: [DecodedMember] = []
        kept.reserveCapacity(members.count)
        for m in members {
            if let i = position[m.name] {
                kept[i] = m
            } else {
                position[m.name] = kept.count
                kept.append(m)
            }
        }
        return .object(kept)
    }

    /// A float as the double its shortest decimal text names (0.1f → 0.1, as protobuf's
    /// JSON prints it), not the float's exact binary value (0.10000000149011612).
    private static func widen(_ f: Float) -> Double {
        let d = Double(f)
        guard f.isFinite, d != d.rounded() || abs(d) >= 16_777_216 else { return d }
        return Double(f.description) ?? d
    }
}
