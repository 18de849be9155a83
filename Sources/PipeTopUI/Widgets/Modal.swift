/// A bordered dialog centred over the screen: title, body lines and button hints (`y confirm`).
/// It clears the cells beneath it so nothing of the screen behind shows through.
public struct Modal: Widget, Hashable {
    public var title: String
    public var body: [String]
    public var buttons: [KeyHint]
    public var borderRole: ThemeRole
    /// Body lines scrolled past, when the body is taller than the dialog can be.
    public var scroll: Int

    public init(title: String, body: [String], buttons: [KeyHint] = [], borderRole: ThemeRole = .accent, scroll: Int = 0) {
        self.title = title
        self.body = body
        self.buttons = buttons
        self.borderRole = borderRole
        self.scroll = scroll
    }

    /// Where the dialog goes inside `area`: as wide as its content (at most the area; all of it
    /// when one column would be left), centred.
    /// A body taller than the area is scrolled: then the title has the position beside it
    /// ("lines 1-17 of 33"), and the dialog is wide enough for both.
    public func rect(in area: Rect) -> Rect {
        let position = body.count + chrome > area.height ? DisplayWidth.of(Self.position(body.count, body.count, of: body.count)) + 3 : 0
        let content = max(
            body.map { DisplayWidth.of($0) }.max() ?? 0, DisplayWidth.of(title) + 2 + position, KeyHint.width(of: buttons))
        let fitted = min(area.width, max(20, content + 4))
        // One column to spare would leave a sliver of the screen beside the dialog: take it.
        let width = area.width - fitted < 2 ? area.width : fitted
        let height = min(area.height, body.count + chrome)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    /// Rows that are not body: the borders, and the buttons with a blank row above them.
    private var chrome: Int { buttons.isEmpty ? 2 : 4 }

    /// Body lines that fit in the dialog placed in `area`.
    public func bodyHeight(in area: Rect) -> Int {
        max(0, rect(in: area).height - chrome)
    }

    /// The furthest the body can scroll in `area` (0 when it fits).
    public func maxScroll(in area: Rect) -> Int {
        max(0, body.count - bodyHeight(in: area))
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        let box = rect(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box, style: theme.style(for: .text))
        let bodyHeight = bodyHeight(in: area)
        let first = min(max(0, scroll), maxScroll(in: area))
        let position = body.count > bodyHeight && bodyHeight > 0 ? Self.position(first + 1, first + bodyHeight, of: body.count) : nil
        let block = Block(title: title, rightTitle: position, borderRole: borderRole, titleRole: borderRole)
        block.render(in: box, buffer: &buffer, theme: theme)
        let inner = block.inner(box).inner(horizontal: 1, vertical: 0)
        let bodyArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: bodyHeight)
        Paragraph(lines: body.dropFirst(first).prefix(bodyHeight).map { Span($0) }, overflow: .truncate)
            .render(in: bodyArea, buffer: &buffer, theme: theme)
        if !buttons.isEmpty, inner.height >= 1 {
            let width = min(inner.width, KeyHint.width(of: buttons))
            let x = inner.x + (inner.width - width) / 2
            _ = KeyHint.draw(buttons, at: (x, inner.bottom - 1), maxWidth: inner.width, buffer: &buffer, theme: theme)
        }
    }

    private static func position(_ first: Int, _ last: Int, of count: Int) -> String {
        "lines \(first)-\(last) of \(count)"
    }
}
