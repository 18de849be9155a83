/// A one-line bar in the header role with segments packed to the left and to the right.
///
/// When both sides do not fit, the left side wins and the right side is dropped segment by
/// segment from its start, so the rightmost (usually the clock or a badge) stays longest.
public struct HeaderBar: Widget, Hashable {
    public var left: [Span]
    public var right: [Span]
    public var role: ThemeRole

    public init(left: [Span], right: [Span] = [], role: ThemeRole = .header) {
        self.left = left
        self.right = right
        self.role = role
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let base = theme.style(for: role)
        let row = area.row(0)
        buffer.fill(row, style: base)
        var x = area.x
        for span in left {
            guard x < area.right else { break }
            x += buffer.set(string: span.text, at: (x, area.y), style: style(span, base, theme), maxWidth: area.right - x)
        }
        var kept = right[...]
        while !kept.isEmpty && kept.reduce(0, { $0 + $1.width }) > area.right - x - (x > area.x ? 1 : 0) {
            kept = kept.dropFirst()
        }
        var rx = area.right - kept.reduce(0, { $0 + $1.width })
        for span in kept {
            rx += buffer.set(string: span.text, at: (rx, area.y), style: style(span, base, theme))
        }
    }

    private func style(_ span: Span, _ base: Style, _ theme: Theme) -> Style {
        guard let role = span.role else { return base }
        var style = theme.style(for: role)
        // Keep the bar's background under coloured text so the bar reads as one strip.
        if style.bg == .default { style.bg = base.bg }
        return style
    }
}
