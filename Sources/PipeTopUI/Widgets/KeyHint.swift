/// A key and what it does, as shown in footers and dialogs: `q quit`.
public struct KeyHint: Sendable, Hashable {
    public var key: String
    public var label: String

    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }

    /// Hints drawn as `key label` separated by two spaces, keys in the accent role; returns the
    /// columns used. Stops before a hint that would not fit whole, so no hint is half shown.
    static func draw(
        _ hints: [KeyHint], at position: (x: Int, y: Int), maxWidth: Int, buffer: inout Buffer, theme: Theme
    ) -> Int {
        var used = 0
        for hint in hints {
            let gap = used > 0 ? 2 : 0
            let width = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label)
            guard used + gap + width <= maxWidth else { break }
            used += gap
            used += buffer.set(string: hint.key, at: (position.x + used, position.y), style: theme.style(for: .accent))
            used += 1
            used += buffer.set(string: hint.label, at: (position.x + used, position.y), style: theme.style(for: .muted))
        }
        return used
    }

    /// Columns `draw` needs for all of `hints`.
    static func width(of hints: [KeyHint]) -> Int {
        hints.reduce(0) { $0 + DisplayWidth.of($1.key) + 1 + DisplayWidth.of($1.label) } + max(0, hints.count - 1) * 2
    }
}
