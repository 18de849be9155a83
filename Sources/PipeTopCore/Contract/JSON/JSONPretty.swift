/// Indents JSON for people to read: one member or element per line, nested levels indented
/// by two spaces, empty objects and arrays kept as `{}` and `[]`. Strings are copied byte for
/// byte (escapes untouched); whitespace outside strings is dropped and redone. The input is
/// not validated: it is meant for JSON this program wrote, such as `EventEncoder`'s.
public enum JSONPretty {
    public static func lines(_ json: String, indent: Int = 2) -> [String] {
        var lines: [String] = []
        var line: [UInt8] = []
        var depth = 0
        var inString = false, escaped = false
        let bytes = Array(json.utf8)
        func newLine(_ newDepth: Int) {
            lines.append(String(decoding: line, as: UTF8.self))
            line = Array(repeating: UInt8(ascii: " "), count: max(0, newDepth) * indent)
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if inString {
                line.append(b)
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case _ where isSpace(b):
                continue
            case UInt8(ascii: "\""):
                inString = true
                line.append(b)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                line.append(b)
                var j = i
                while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                if j < bytes.count, bytes[j] == b + 2 {  // `}` follows `{`, `]` follows `[`
                    line.append(bytes[j])
                    i = j + 1
                } else {
                    depth += 1
                    newLine(depth)
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newLine(depth)
                line.append(b)
            case UInt8(ascii: ","):
                line.append(b)
                newLine(depth)
            case UInt8(ascii: ":"):
                line.append(contentsOf: [b, UInt8(ascii: " ")])
            default:
                line.append(b)
            }
        }
        if !line.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }
}
