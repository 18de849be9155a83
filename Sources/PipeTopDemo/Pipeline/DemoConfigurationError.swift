/// A demo setting that cannot be used, with a one-line reason.
public enum DemoConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownStrategy(String)
    case unknownPipeline(String)
    case badAssignment(String)
    case outOfRange(option: String, value: String, allowed: String)

    public var description: String {
        switch self {
        case .unknownStrategy(let s):
            "unknown serving strategy '\(s)' (one of: \(ServingStrategy.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownPipeline(let p): "no demo pipeline is named '\(p)'"
        case .badAssignment(let s): "expected PIPELINE=STRATEGY, got '\(s)'"
        case .outOfRange(let option, let value, let allowed): "\(option) \(value) is out of range (\(allowed))"
        }
    }
}
