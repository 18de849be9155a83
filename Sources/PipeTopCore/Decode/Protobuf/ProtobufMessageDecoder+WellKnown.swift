/// The well-known types read without building their message first: Timestamp and
/// Duration straight into text (one in every scored record), `Any` by the type its URL names.
extension ProtobufMessageDecoder {
    /// A Timestamp or Duration, read straight into its text.
    func secondsNanos(timestamp: Bool, _ r: inout ProtoWireReader, depth: Int, group: Int) throws(ValueDecodeError) -> DecodedValue {
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        try r.forEachField(group: group, depth: depth) { (r, n, wt) throws(ValueDecodeError) in
            switch (n, wt) {
            case (1, .varint): seconds = Int64(bitPattern: try r.varint())
            case (2, .varint): nanos = Int32(truncatingIfNeeded: try r.varint())
            default: return false
            }
            return true
        }
        return timestamp ? ProtoWellKnownText.timestamp(seconds: seconds, nanos: nanos) : ProtoWellKnownText.duration(seconds: seconds, nanos: nanos)
    }

    /// An `Any`: `{"@type": url, …the packed message's fields}`, or `{"@type": url,
    /// "value": …}` when the packed type has its own JSON form or is not in the pool.
    func any(_ r: inout ProtoWireReader, depth: Int, group: Int) throws(ValueDecodeError) -> DecodedValue {
        var url = ""
        var valueRange = 0..<0
        try r.forEachField(group: group, depth: depth) { (r, n, wt) throws(ValueDecodeError) in
            switch (n, wt) {
            case (1, .lengthDelimited): url = try r.string(try r.lengthDelimited())
            case (2, .lengthDelimited): valueRange = try r.lengthDelimited()
            default: return false
            }
            return true
        }
        if url.isEmpty, valueRange.isEmpty { return .object([]) }
        let typeName = "." + (url.split(separator: "/").last.map(String.init) ?? url)
        guard let p = planIndex[typeName] else {
            return .object([DecodedMember("@type", .string(url)), DecodedMember("value", .bytes(Array(UnsafeRawBufferPointer(rebasing: r.bytes[valueRange]))))])
        }
        var sub = ProtoWireReader(r.bytes, from: valueRange.lowerBound, to: valueRange.upperBound)
        let value = try message(p, &sub, depth: depth + 1, group: 0)
        if plans[p].wellKnown == .none, case .object(let members) = value {
            return .object([DecodedMember("@type", .string(url))] + members)
        }
        return .object([DecodedMember("@type", .string(url)), DecodedMember("value", value)])
    }
}
