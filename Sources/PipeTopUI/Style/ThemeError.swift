/// Why a theme file could not be used; the message names the file and the key.
public enum ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A key with a value we cannot use (`roles.warn.fg: unknown colour "yelow"`).
    case invalid(file: String, key: String, message: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read theme: \(reason)"
        case .syntax(let file, let line, let column, let message):
            return "\(file):\(line):\(column): \(message)"
        case .invalid(let file, let key, let message):
            return "\(file): \(key): \(message)"
        }
    }
}
