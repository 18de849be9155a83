/// One `key=value` librdkafka property, as given with `-X key=value`.
public struct PropertyAssignment: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Parses `key=value`, splitting at the first `=` so values may contain `=` (JAAS configs do).
    public init(parsing text: String) throws(ArgumentValueError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw .invalidProperty(input: text, reason: "expected key=value (missing '=')")
        }
        let key = String(text[..<equals]).trimmingSpaces()
        guard !key.isEmpty else {
            throw .invalidProperty(input: text, reason: "expected key=value (empty key)")
        }
        self.key = key
        self.value = String(text[text.index(after: equals)...])
    }

    /// `key=value` with secret values masked, safe to print.
    public var description: String { "\(key)=\(SecretMask.mask(key: key, value: value))" }
}
