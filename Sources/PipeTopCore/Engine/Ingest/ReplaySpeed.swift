import Foundation

/// How fast a recording replays: a multiple of the recorded pace, or as fast as possible.
public enum ReplaySpeed: Sendable, Hashable, CustomStringConvertible {
    case times(Double)
    case max

    /// Parses `max`, or a positive number with an optional `x` (`1`, `10`, `0.5`, `4x`).
    public init(parsing text: String) throws(ArgumentValueError) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "max" {
            self = .max
            return
        }
        let number = t.hasSuffix("x") ? String(t.dropLast()) : t
        guard let x = Double(number), x.isFinite, x > 0 else {
            throw .invalidSpeed(input: text, reason: "expected a positive number (like 1, 10 or 0.5) or max")
        }
        self = .times(x)
    }

    public var description: String {
        switch self {
        case .max: "max"
        case .times(let x): x == x.rounded() ? "\(Int(x))x" : "\(x)x"
        }
    }
}
