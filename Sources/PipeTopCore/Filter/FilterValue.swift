/// A field's or literal's value for one record, as the evaluator compares it.
///
/// Building one never allocates: `.text` shares the record's string storage.
enum FilterValue {
    /// The record has no such field (no `label`, no `latency_us`, no such feature...).
    case missing
    case number(Double)
    case text(String)
    case role(Role)

    @inline(__always)
    init(_ outcome: Outcome?) {
        switch outcome {
        case .number(let x)?: self = .number(x)
        case .text(let s)?: self = .text(s)
        case nil: self = .missing
        }
    }

    /// Whether `a op b` holds. The rules (also in the README's "Filter language"):
    /// - anything involving a missing field is false, whatever the operator;
    /// - numbers compare numerically (IEEE: NaN equals nothing);
    /// - two texts compare exactly with `==`/`!=`; ordered, both must be class names (below);
    /// - a number and a text: the text is read as a binary class, 1 for "1", "true", "yes",
    ///   "positive", "pos" and 0 for "0", "false", "no", "negative", "neg" (ASCII case
    ///   ignored, as `Outcome.isPositive`), and compared as that number; a text that is no
    ///   class name equals no number, so only `!=` holds;
    /// - roles compare with `==`/`!=`.
    @inline(__always)
    static func compare(_ a: FilterValue, _ op: FilterCompareOperator, _ b: FilterValue) -> Bool {
        switch (a, b) {
        case (.missing, _), (_, .missing):
            return false
        case let (.number(x), .number(y)):
            return op.holds(x, y)
        case let (.text(s), .text(t)):
            switch op {
            case .equal: return s == t
            case .notEqual: return s != t
            default:
                guard let x = classValue(s), let y = classValue(t) else { return false }
                return op.holds(x, y)
            }
        case let (.number(x), .text(t)):
            guard let y = classValue(t) else { return op == .notEqual }
            return op.holds(x, y)
        case let (.text(s), .number(y)):
            guard let x = classValue(s) else { return op == .notEqual }
            return op.holds(x, y)
        case let (.role(r), .role(q)):
            switch op {
            case .equal: return r == q
            case .notEqual: return r != q
            default: return false
            }
        case (.role, _), (_, .role):
            // Ruled out at parse time; unequal values of different kinds.
            return op == .notEqual
        }
    }

    /// A text read as a binary class (1 or 0), as `Outcome.isPositive` reads it, without
    /// allocating: the ASCII-lowercased bytes are packed into one word and compared.
    static func classValue(_ text: String) -> Double? {
        var packed: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
            count += 1
            guard count <= 8, byte != 0 else { return nil }
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            packed = packed << 8 | UInt64(lower)
        }
        if positiveWords.contains(packed) { return 1 }
        if negativeWords.contains(packed) { return 0 }
        return nil
    }

    private static let positiveWords: [UInt64] = ["1", "true", "yes", "positive", "pos"].map(pack)
    private static let negativeWords: [UInt64] = ["0", "false", "no", "negative", "neg"].map(pack)

    /// Up to 8 ASCII bytes, big-endian in one word (the same packing as `classValue`).
    private static func pack(_ word: String) -> UInt64 {
        word.utf8.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
