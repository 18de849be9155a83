/// Lines of text, wrapped at word boundaries or truncated with `…`, aligned left, centre or right.
public struct Paragraph: Widget, Hashable {
    /// What to do with a line wider than the area.
    public enum Overflow: Sendable, Hashable {
        case wrap, truncate
    }

    public var lines: [Span]
    public var overflow: Overflow
    public var alignment: Alignment
    public var role: ThemeRole

    public init(
        lines: [Span], overflow: Overflow = .wrap, alignment: Alignment = .left, role: ThemeRole = .text
    ) {
        self.lines = lines
        self.overflow = overflow
        self.alignment = alignment
        self.role = role
    }

    /// A paragraph of `text`; newlines start new lines.
    public init(
        _ text: String, overflow: Overflow = .wrap, alignment: Alignment = .left, role: ThemeRole = .text
    ) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Span(String($0)) }
        self.init(lines: lines, overflow: overflow, alignment: alignment, role: role)
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        var y = area.y
        for line in lines {
            guard y < area.bottom else { return }
            let style = theme.style(for: line.role ?? role)
            let pieces: [String] =
                switch overflow {
                case .wrap: TextFit.wrap(line.text, width: area.width)
                case .truncate: [TextFit.truncate(line.text, to: area.width)]
                }
            for piece in pieces {
                guard y < area.bottom else { return }
                let x = area.x + alignment.offset(textWidth: DisplayWidth.of(piece), in: area.width)
                buffer.set(string: piece, at: (x, y), style: style, maxWidth: area.right - x)
                y += 1
            }
        }
    }
}
