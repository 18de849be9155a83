/// Rows under a header, with sized columns, truncation with `…`, a highlighted selection and
/// scrolling that keeps the selection visible.
public struct Table: Widget, Hashable {
    /// One column: its header, how wide it wants to be and how its cells align.
    public struct Column: Sendable, Hashable {
        public var title: String
        public var width: Layout.Constraint
        public var alignment: Alignment

        public init(_ title: String, width: Layout.Constraint = .fill, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    /// One row of cells; a cell's own role wins over the row's.
    public struct Row: Sendable, Hashable {
        public var cells: [Span]
        public var role: ThemeRole?

        public init(_ cells: [Span], role: ThemeRole? = nil) {
            self.cells = cells
            self.role = role
        }
    }

    public var columns: [Column]
    public var rows: [Row]
    /// Index into `rows` of the selected row, if any.
    public var selected: Int?
    /// Index of the first row shown; adjusted at render time so `selected` is visible.
    public var offset: Int
    public var headerRole: ThemeRole
    public var selectionRole: ThemeRole

    public init(
        columns: [Column], rows: [Row], selected: Int? = nil, offset: Int = 0,
        headerRole: ThemeRole = .header, selectionRole: ThemeRole = .selection
    ) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.headerRole = headerRole
        self.selectionRole = selectionRole
    }

    /// The rows to show in `height` lines: starts at `offset`, moved as little as possible so that
    /// `selected` is inside, and never leaves empty lines at the bottom when rows could fill them.
    /// The lower bound is the offset to keep in state for the next frame.
    public static func visibleRange(selected: Int?, offset: Int, height: Int, count: Int) -> Range<Int> {
        guard height > 0, count > 0 else { return 0..<0 }
        var start = min(max(0, offset), max(0, count - height))
        if let selected {
            let s = min(max(0, selected), count - 1)
            if s < start { start = s }
            if s >= start + height { start = s - height + 1 }
        }
        return start..<min(count, start + height)
    }

    /// The column rects for a table in `area`, one space apart.
    public func columnRects(in area: Rect) -> [Rect] {
        Layout.split(area, direction: .horizontal, constraints: columns.map(\.width), spacing: 1)
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let columnRects = columnRects(in: area)
        let header = theme.style(for: headerRole)
        buffer.fill(area.row(0), style: header)
        for (column, rect) in zip(columns, columnRects) {
            write(column.title, column: column, rect: rect, y: area.y, style: header, buffer: &buffer)
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let range = Self.visibleRange(selected: selected, offset: offset, height: body.height, count: rows.count)
        let selection = theme.style(for: selectionRole)
        for (line, index) in range.enumerated() {
            let row = rows[index]
            let y = body.y + line
            let isSelected = index == selected
            if isSelected { buffer.fill(body.row(line), style: selection) }
            for (k, (column, rect)) in zip(columns, columnRects).enumerated() {
                guard k < row.cells.count else { break }
                let cell = row.cells[k]
                let style = isSelected ? selection : theme.style(for: cell.role ?? row.role ?? .text)
                write(cell.text, column: column, rect: rect, y: y, style: style, buffer: &buffer)
            }
        }
    }

    private func write(_ text: String, column: Column, rect: Rect, y: Int, style: Style, buffer: inout Buffer) {
        guard rect.width > 0 else { return }
        let fitted = TextFit.truncate(text, to: rect.width)
        let x = rect.x + column.alignment.offset(textWidth: DisplayWidth.of(fitted), in: rect.width)
        buffer.set(string: fitted, at: (x, y), style: style, maxWidth: rect.right - x)
    }
}
