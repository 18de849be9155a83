/// The pattern of a `~ /regex/` test, compiled once when the filter is parsed.
///
/// Patterns that are plain text, optionally anchored (`/fraud/`, `/^txn-12/`, `/-lr$/`,
/// `/^a\.b$/`), are matched as bytes with no regex engine and no allocation; anything else
/// goes to Swift `Regex` (its syntax: Perl/ICU-style classes, groups, alternation...),
/// which may allocate while matching. A match anywhere in the text counts, like `grep`.
struct FilterRegex: @unchecked Sendable {
    // `Regex` is not declared `Sendable`; this value is immutable after `init` and matching
    // does not mutate it, so sharing it across threads is safe.

    private enum Kind {
        case contains([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case exact([UInt8])
        case general(Regex<AnyRegexOutput>)
    }

    private let kind: Kind
    /// The pattern as written between the slashes.
    let pattern: String

    /// Compiles `pattern`; `ignoreCase` is the `i` flag. Throws the regex engine's message.
    init(pattern: String, ignoreCase: Bool) throws {
        self.pattern = pattern
        if !ignoreCase, let literal = Self.literal(pattern) {
            switch (literal.anchoredStart, literal.anchoredEnd) {
            case (false, false): kind = .contains(literal.bytes)
            case (true, false): kind = .prefix(literal.bytes)
            case (false, true): kind = .suffix(literal.bytes)
            case (true, true): kind = .exact(literal.bytes)
            }
            return
        }
        var regex = try Regex<AnyRegexOutput>(pattern)
        if ignoreCase { regex = regex.ignoresCase() }
        kind = .general(regex)
    }

    /// Whether the pattern matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
        switch kind {
        case .contains(let needle):
            if needle.isEmpty { return true }
            return Self.withBytes(text) { hay in
                guard hay.count >= needle.count else { return false }
                for start in 0...(hay.count - needle.count) where Self.equal(hay, from: start, needle) {
                    return true
                }
                return false
            }
        case .prefix(let needle):
            return Self.withBytes(text) { hay in hay.count >= needle.count && Self.equal(hay, from: 0, needle) }
        case .suffix(let needle):
            return Self.withBytes(text) { hay in
                hay.count >= needle.count && Self.equal(hay, from: hay.count - needle.count, needle)
            }
        case .exact(let needle):
            return Self.withBytes(text) { hay in hay.count == needle.count && Self.equal(hay, from: 0, needle) }
        case .general(let regex):
            return (try? regex.firstMatch(in: text)) != nil
        }
    }

    /// The text's UTF-8 bytes; native strings are contiguous, so this does not copy.
    @inline(__always)
    private static func withBytes(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @inline(__always)
    private static func equal(_ hay: UnsafeBufferPointer<UInt8>, from start: Int, _ needle: [UInt8]) -> Bool {
        for i in 0..<needle.count where hay[start + i] != needle[i] { return false }
        return true
    }

    /// The bytes a pattern stands for when it is literal text, with `^`/`$` anchors and
    /// backslash-escaped punctuation; nil when it uses any other regex syntax.
    private static func literal(_ pattern: String) -> (bytes: [UInt8], anchoredStart: Bool, anchoredEnd: Bool)? {
        var chars = Array(pattern.unicodeScalars)
        let anchoredStart = chars.first == "^"
        if anchoredStart { chars.removeFirst() }
        var anchoredEnd = false
        if chars.last == "$" {
            // `\$` at the end is a literal dollar: count the backslashes before it.
            var backslashes = 0
            var i = chars.count - 2
            while i >= 0, chars[i] == "\\" {
                backslashes += 1
                i -= 1
            }
            if backslashes % 2 == 0 {
                anchoredEnd = true
                chars.removeLast()
            }
        }
        var text = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count else { return nil }
                let next = chars[i + 1]
                guard next.isASCII, !next.properties.isAlphabetic, !("0"..."9").contains(next) else { return nil }
                text.append(next)
                i += 2
                continue
            }
            if "^$.|?*+()[]{}".unicodeScalars.contains(c) { return nil }
            text.append(c)
            i += 1
        }
        return (Array(String(text).utf8), anchoredStart, anchoredEnd)
    }
}
