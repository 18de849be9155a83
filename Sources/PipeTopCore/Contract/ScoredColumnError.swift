/// Why a column list was refused.
public enum ScoredColumnError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknown(String)
    case empty

    public var description: String {
        let known = (ScoredColumn.fields.map(\.name) + ["features.NAME"]).joined(separator: ", ")
        switch self {
        case .unknown(let name): return "unknown column \"\(name)\" (known: \(known))"
        case .empty: return "no columns given (known: \(known))"
        }
    }
}
