/// Why a `[ui] keymap` entry was refused.
public enum KeymapError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownCommand(String, known: [String])
    case invalidKey(command: String, key: String)

    public var description: String {
        switch self {
        case .unknownCommand(let name, let known):
            "ui.keymap.\(name): unknown action (known: \(known.joined(separator: ", ")))"
        case .invalidKey(let command, let key):
            "ui.keymap.\(command): \"\(key)\" is not a key name (like q, Q, ctrl+r, enter, f5, pgdown)"
        }
    }
}
