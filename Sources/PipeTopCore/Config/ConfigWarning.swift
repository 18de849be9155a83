/// Something in the file that was ignored, e.g. an unknown (probably misspelt) key, or that
/// is risky, e.g. a password in clear in a file others can read.
public struct ConfigWarning: Sendable, Hashable, CustomStringConvertible {
    /// What the warning is about.
    public enum Kind: Sendable, Hashable {
        /// The key is not in the schema and was ignored.
        case unknownKey
        /// A secret key's value is written in clear in a file of this mode (group or others may read it).
        case clearTextSecret(mode: Int)
    }

    public var file: String
    /// The key as written, contexts with their index (`contexts[1].brokrs`).
    public var keyPath: String
    /// The known key it most likely meant.
    public var suggestion: String?
    public var kind: Kind

    public init(file: String, keyPath: String, suggestion: String? = nil, kind: Kind = .unknownKey) {
        self.file = file
        self.keyPath = keyPath
        self.suggestion = suggestion
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .unknownKey:
            let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
            return "\(file): unknown key \"\(keyPath)\" (ignored)\(hint)"
        case .clearTextSecret(let mode):
            return "\(file): \(keyPath) holds a secret in clear and the file is readable by others (mode "
                + String(mode, radix: 8) + "); use ${VARIABLE} or { command = \"…\" }, or chmod 600 the file"
        }
    }
}
