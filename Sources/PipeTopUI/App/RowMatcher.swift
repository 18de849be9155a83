/// A compiled `/` filter. A pattern with no regular-expression syntax (a name, a word) is
/// searched for as ASCII text, case folded: what is typed most is what a thousand rows are
/// matched against on every keypress, and a Swift `Regex` costs microseconds a row.
public struct RowMatcher {
    private enum Kind {
        /// The pattern's bytes, lowercased.
        case literal([UInt8])
        case regex(Regex<AnyRegexOutput>)
    }

    private let kind: Kind
    private let inverted: Bool

    /// Characters that make a pattern a regular expression rather than text.
    private static let syntax = Set("\\^$.|?*+()[]{}".utf8)

    /// A literal matcher, or nil when `pattern` has regular-expression syntax or is not ASCII.
    init?(literal pattern: String, inverted: Bool) {
        let bytes = Array(pattern.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 && !Self.syntax.contains($0) }) else { return nil }
        kind = .literal(bytes.map(Self.lower))
        self.inverted = inverted
    }

    init(regex: Regex<AnyRegexOutput>, inverted: Bool) {
        kind = .regex(regex)
        self.inverted = inverted
    }

    /// Whether a row whose text is `text` stays visible.
    public func keeps(_ text: String) -> Bool {
        let found: Bool = switch kind {
        case .literal(let needle): Self.contains(text, needle)
        case .regex(let regex): (try? regex.firstMatch(in: text)) != nil
        }
        return found != inverted
    }

    /// Whether `text` holds `needle` (lowercase ASCII), ignoring ASCII case. The bytes of a
    /// multi-byte character are all 0x80 or above, so they never match part of an ASCII needle.
    private static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { hay in
            guard hay.count >= needle.count else { return false }
            let first = needle[0]
            var i = 0
            let last = hay.count - needle.count
            outer: while i <= last {
                if lower(hay[i]) == first {
                    var k = 1
                    while k < needle.count {
                        if lower(hay[i + k]) != needle[k] { i += 1; continue outer }
                        k += 1
                    }
                    return true
                }
                i += 1
            }
            return false
        }
    }

    private static func lower(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }
}
