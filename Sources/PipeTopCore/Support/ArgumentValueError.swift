/// Why a command-line style value (duration, timestamp, start position, `-X` property, speed) was refused.
public enum ArgumentValueError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidDuration(input: String, reason: String)
    case invalidTimestamp(input: String, reason: String)
    case invalidStartPosition(input: String, reason: String)
    case invalidProperty(input: String, reason: String)
    case invalidSpeed(input: String, reason: String)

    public var description: String {
        switch self {
        case .invalidDuration(let input, let reason):
            return "invalid duration \"\(input)\": \(reason)"
        case .invalidTimestamp(let input, let reason):
            return "invalid timestamp \"\(input)\": \(reason)"
        case .invalidStartPosition(let input, let reason):
            return "invalid start position \"\(input)\": \(reason)"
        case .invalidProperty(let input, let reason):
            return "invalid property \"\(input)\": \(reason)"
        case .invalidSpeed(let input, let reason):
            return "invalid speed \"\(input)\": \(reason)"
        }
    }
}
