/// The footer: key hints on the left and, when there is one, a flash message on the right.
///
/// The flash message wins the space: it answers what the operator just did, the hints can wait.
public struct StatusBar: Widget, Hashable {
    public var hints: [KeyHint]
    public var flash: Span?
    public var role: ThemeRole

    public init(hints: [KeyHint], flash: Span? = nil, role: ThemeRole = .text) {
        self.hints = hints
        self.flash = flash
        self.role = role
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(area.row(0), style: theme.style(for: role))
        var hintRoom = area.width
        if let flash, !flash.text.isEmpty {
            let text = TextFit.truncate(flash.text, to: area.width)
            let width = DisplayWidth.of(text)
            buffer.set(string: text, at: (area.right - width, area.y), style: theme.style(for: flash.role ?? .accent))
            hintRoom = area.width - width - 2
        }
        if hintRoom > 0 {
            _ = KeyHint.draw(hints, at: (area.x, area.y), maxWidth: hintRoom, buffer: &buffer, theme: theme)
        }
    }
}
