/// A piece of text drawn with one theme role; `nil` means the surrounding widget's role.
public struct Span: Sendable, Hashable, ExpressibleByStringLiteral {
    public var text: String
    public var role: ThemeRole?

    public init(_ text: String, role: ThemeRole? = nil) {
        self.text = text
        self.role = role
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var width: Int { DisplayWidth.of(text) }
}
