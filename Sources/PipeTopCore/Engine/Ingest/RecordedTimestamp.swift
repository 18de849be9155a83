/// The Kafka timestamp `pipetop record` keeps with each message (`"_source":{…,"timestamp":N}`),
/// read without decoding the line, so a replay can pace by when messages reached the broker.
public enum RecordedTimestamp {
    private static let sourceKey = Array("\"_source\"".utf8)
    private static let timestampKey = Array("\"timestamp\"".utf8)

    /// Milliseconds since the epoch, or nil when the line has no `_source.timestamp`.
    public static func milliseconds(in line: UnsafeRawBufferPointer) -> Int64? {
        guard let source = find(sourceKey, in: line, from: 0),
              let key = find(timestampKey, in: line, from: source + sourceKey.count) else { return nil }
        var i = key + timestampKey.count
        func skipSpaces() { while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 } }
        skipSpaces()
        guard i < line.count, line[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        skipSpaces()
        let negative = i < line.count && line[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value: Int64 = 0
        var digits = 0
        while i < line.count, line[i] >= 0x30, line[i] <= 0x39, digits < 18 {
            value = value * 10 + Int64(line[i] - 0x30)
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    /// The first `needle` at or after `start` that is not inside a string (not escaped).
    private static func find(_ needle: [UInt8], in line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard line.count >= needle.count, start <= line.count - needle.count else { return nil }
        var i = start
        while i <= line.count - needle.count {
            if line[i] == needle[0], i == 0 || line[i - 1] != UInt8(ascii: "\\") {
                var k = 1
                while k < needle.count, line[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
