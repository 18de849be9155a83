/// Something in the file that was ignored, e.g. an unknown (probably misspelt) key.
public struct ConfigWarning: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The key as written, contexts with their index (`contexts[1].brokrs`).
    public var keyPath: String
    /// The known key it most likely meant.
    public var suggestion: String?

    public init(file: String, keyPath: String, suggestion: String? = nil) {
        self.file = file
        self.keyPath = keyPath
        self.suggestion = suggestion
    }

    public var description: String {
        let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
        return "\(file): unknown key \"\(keyPath)\" (ignored)\(hint)"
    }
}
