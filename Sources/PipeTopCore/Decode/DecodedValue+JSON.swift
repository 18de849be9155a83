extension DecodedValue {
    /// The value as compact natural JSON, appended to `out`: bytes as base64, NaN and the
    /// infinities as the strings "NaN", "Infinity" and "-Infinity" (as Protobuf's JSON
    /// mapping writes them; JSON has no such numbers).
    public func writeJSON(into out: inout [UInt8]) {
        var w = JSONWriter(out)
        out = []
        write(&w)
        out = w.out
    }

    /// The value as compact natural JSON.
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        writeJSON(into: &out)
        return out
    }

    /// The value as compact natural JSON text.
    public var jsonText: String { String(decoding: jsonBytes(), as: UTF8.self) }

    func write(_ w: inout JSONWriter) {
        switch self {
        case .null: w.append("null")
        case .bool(let b): w.append(b ? "true" : "false")
        case .int(let i): w.int64(i)
        case .uint(let u): w.int(u)
        case .double(let d):
            if d.isFinite {
                w.double(d)
            } else {
                w.string(d.isNaN ? "NaN" : d < 0 ? "-Infinity" : "Infinity")
            }
        case .decimal(let s): w.append(s)
        case .string(let s): w.string(s)
        case .bytes(let b):
            w.out.append(UInt8(ascii: "\""))
            Base64.encode(b, into: &w.out)
            w.out.append(UInt8(ascii: "\""))
        case .array(let items):
            w.out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { w.out.append(UInt8(ascii: ",")) }
                item.write(&w)
            }
            w.out.append(UInt8(ascii: "]"))
        case .object(let members):
            w.open()
            for m in members {
                w.key(m.name)
                m.value.write(&w)
            }
            w.close()
        }
    }
}
