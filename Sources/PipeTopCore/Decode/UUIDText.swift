/// 16 bytes as a UUID's text, `8-4-4-4-12` lower-case hex digits: Avro's `uuid` on a fixed
/// and the Schema Registry's schema GUIDs (its `/schemas/guids/{guid}` path and messages).
public enum UUIDText {
    public static func string(_ bytes: some Collection<UInt8>) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
