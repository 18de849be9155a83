extension DecodedValue {
    /// The value as compact natural JSON, appended to `buffer`: bytes as base64, NaN and the
    /// infinities as the strings "NaN", "Infinity" and "-Infinity" (as Protobuf's JSON
    /// mapping writes them; JSON has no such numbers), decimals as exact numbers.
    public func writeJSON(to buffer: JSONTextBuffer) {
        switch self {
        case .null: buffer.raw("null")
        case .bool(let b): buffer.raw(b ? "true" : "false")
        case .int(let i): buffer.int(i)
        case .uint(let u): buffer.uint(u)
        case .double(let d): buffer.double(d)
        case .decimal(let s):
            if s.utf8.withContiguousStorageIfAvailable({ buffer.raw(UnsafeRawBufferPointer($0)) }) == nil {
                Array(s.utf8).withUnsafeBytes { buffer.raw($0) }
            }
        case .string(let s): buffer.string(s)
        case .bytes(let b): buffer.base64(b)
        case .array(let items):
            buffer.byte(UInt8(ascii: "["))
            items.withUnsafeBufferPointer { items in
                for i in items.indices {
                    if i > 0 { buffer.byte(UInt8(ascii: ",")) }
                    items[i].writeJSON(to: buffer)
                }
            }
            buffer.byte(UInt8(ascii: "]"))
        case .object(let members):
            buffer.byte(UInt8(ascii: "{"))
            // Borrowed in place: no retain and release of every name and value.
            members.withUnsafeBufferPointer { members in
                for i in members.indices {
                    if i > 0 { buffer.byte(UInt8(ascii: ",")) }
                    buffer.string(members[i].name)
                    buffer.byte(UInt8(ascii: ":"))
                    members[i].value.writeJSON(to: buffer)
                }
            }
            buffer.byte(UInt8(ascii: "}"))
        }
    }

    /// The value as compact natural JSON, appended to `out`.
    public func writeJSON(into out: inout [UInt8]) {
        let buffer = JSONTextBuffer(capacity: 256)
        writeJSON(to: buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// The value as compact natural JSON.
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        writeJSON(into: &out)
        return out
    }

    /// The value as compact natural JSON text.
    public var jsonText: String { String(decoding: jsonBytes(), as: UTF8.self) }
}
