/// Why a configuration could not be loaded or resolved; each message names the file and line or key path.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A path given by `--config` or `$PIPETOP_CONFIG` that does not exist.
    case fileNotFound(path: String, origin: String)
    case unreadable(path: String, reason: String)
    case syntax(file: String, line: Int, column: Int, message: String)
    case wrongType(file: String, keyPath: String, expected: String, got: String)
    case invalidValue(file: String, keyPath: String, message: String)
    case missingKey(file: String, keyPath: String)
    case duplicateContext(file: String, name: String, first: Int, second: Int)
    case unknownContext(name: String, known: [String])
    /// A command-line value out of range, e.g. `--fps 0`.
    case invalidOverride(option: String, message: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path, let origin):
            return "config file \(path) (from \(origin)) does not exist"
        case .unreadable(let path, let reason):
            return "cannot read config file \(path): \(reason)"
        case .syntax(let file, let line, let column, let message):
            return "\(file):\(line):\(column): \(message)"
        case .wrongType(let file, let keyPath, let expected, let got):
            return "\(file): \(keyPath): expected \(expected), got \(got)"
        case .invalidValue(let file, let keyPath, let message):
            return "\(file): \(keyPath): \(message)"
        case .missingKey(let file, let keyPath):
            return "\(file): \(keyPath): required key is missing"
        case .duplicateContext(let file, let name, let first, let second):
            return
                "\(file): contexts[\(second)].name: duplicate context name \"\(name)\" (already used by contexts[\(first)])"
        case .unknownContext(let name, let known):
            let list =
                known.isEmpty
                ? "no contexts are defined" : "known contexts: " + known.joined(separator: ", ")
            return "unknown context \"\(name)\" (\(list))"
        case .invalidOverride(let option, let message):
            return "\(option): \(message)"
        }
    }
}
