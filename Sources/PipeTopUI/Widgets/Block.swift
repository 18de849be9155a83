/// A border around an area with a title on the left and, optionally, another on the right.
public struct Block: Widget, Hashable {
    public var title: String?
    public var rightTitle: String?
    public var borderRole: ThemeRole
    public var titleRole: ThemeRole

    public init(
        title: String? = nil, rightTitle: String? = nil,
        borderRole: ThemeRole = .border, titleRole: ThemeRole = .accent
    ) {
        self.title = title
        self.rightTitle = rightTitle
        self.borderRole = borderRole
        self.titleRole = titleRole
    }

    /// The area inside the border, where the block's content goes.
    public func inner(_ area: Rect) -> Rect {
        area.inner(margin: 1)
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard area.width >= 2, area.height >= 2 else { return }
        let border = theme.style(for: borderRole)
        let top = area.y
        let bottom = area.bottom - 1
        let left = area.x
        let right = area.right - 1
        for x in (left + 1)..<right {
            buffer[x, top] = Cell("─", style: border)
            buffer[x, bottom] = Cell("─", style: border)
        }
        for y in (top + 1)..<bottom {
            buffer[left, y] = Cell("│", style: border)
            buffer[right, y] = Cell("│", style: border)
        }
        buffer[left, top] = Cell("┌", style: border)
        buffer[right, top] = Cell("┐", style: border)
        buffer[left, bottom] = Cell("└", style: border)
        buffer[right, bottom] = Cell("┘", style: border)

        // Titles sit on the top border padded by a space; the left one wins when both do not fit.
        let room = area.width - 4
        var leftUsed = 0
        if let title, !title.isEmpty, room > 2 {
            let text = " " + TextFit.truncate(title, to: room - 2) + " "
            leftUsed = buffer.set(string: text, at: (left + 1, top), style: theme.style(for: titleRole))
        }
        if let rightTitle, !rightTitle.isEmpty {
            let available = room - leftUsed - (leftUsed > 0 ? 1 : 0)
            guard available > 2 else { return }
            let text = " " + TextFit.truncate(rightTitle, to: available - 2) + " "
            let x = right - 1 - DisplayWidth.of(text)
            buffer.set(string: text, at: (x, top), style: theme.style(for: titleRole))
        }
    }
}
