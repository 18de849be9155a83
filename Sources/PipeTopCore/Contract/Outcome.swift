/// A prediction or a label: a number (JSON `true`/`false` normalise to 1/0) or a class name.
public enum Outcome: Sendable, Hashable {
    case number(Double)
    case text(String)

    /// The outcome read as a binary class, for AUC: numbers > 0.5 and the texts
    /// "1", "true", "yes", "positive" are positive; `nil` when it cannot be read as one.
    public var isPositive: Bool? {
        switch self {
        case .number(let x):
            guard x.isFinite else { return nil }
            return x > 0.5
        case .text(let s):
            switch s.lowercased() {
            case "1", "true", "yes", "positive", "pos": return true
            case "0", "false", "no", "negative", "neg": return false
            default: return nil
            }
        }
    }

    /// As a person reads it: whole numbers without a fraction (`1`, not `1.0`), text as is.
    public var text: String {
        switch self {
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .text(let s): s
        }
    }
}
