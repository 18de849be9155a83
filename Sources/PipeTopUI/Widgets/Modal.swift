/// A bordered dialog centred over the screen: title, body lines and button hints (`y confirm`).
/// It clears the cells beneath it so nothing of the screen behind shows through.
public struct Modal: Widget, Hashable {
    public var title: String
    public var body: [String]
    public var buttons: [KeyHint]
    public var borderRole: ThemeRole

    public init(title: String, body: [String], buttons: [KeyHint] = [], borderRole: ThemeRole = .accent) {
        self.title = title
        self.body = body
        self.buttons = buttons
        self.borderRole = borderRole
    }

    /// Where the dialog goes inside `area`: as wide as its content (at most the area), centred.
    public func rect(in area: Rect) -> Rect {
        let content = max(
            body.map { DisplayWidth.of($0) }.max() ?? 0, DisplayWidth.of(title) + 2, KeyHint.width(of: buttons))
        let width = min(area.width, max(20, content + 4))
        let height = min(area.height, body.count + (buttons.isEmpty ? 2 : 4))
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        let box = rect(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box, style: theme.style(for: .text))
        let block = Block(title: title, borderRole: borderRole, titleRole: borderRole)
        block.render(in: box, buffer: &buffer, theme: theme)
        let inner = block.inner(box).inner(horizontal: 1, vertical: 0)
        let bodyHeight = buttons.isEmpty ? inner.height : max(0, inner.height - 2)
        let bodyArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: bodyHeight)
        Paragraph(lines: body.map { Span($0) }, overflow: .truncate).render(in: bodyArea, buffer: &buffer, theme: theme)
        if !buttons.isEmpty, inner.height >= 1 {
            let width = min(inner.width, KeyHint.width(of: buttons))
            let x = inner.x + (inner.width - width) / 2
            _ = KeyHint.draw(buttons, at: (x, inner.bottom - 1), maxWidth: inner.width, buffer: &buffer, theme: theme)
        }
    }
}
