/// A short message in the status bar, shown until `untilMs`.
public struct Flash: Sendable, Hashable {
    public var text: String
    public var role: ThemeRole
    public var untilMs: Int64

    public init(_ text: String, role: ThemeRole = .accent, untilMs: Int64) {
        self.text = text
        self.role = role
        self.untilMs = untilMs
    }
}
