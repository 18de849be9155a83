/// Rows under a header, with sized columns, truncation with `…`, a highlighted selection and
/// scrolling that keeps the selection visible.
public struct Table: Widget, Hashable {
    /// One column: its header, how wide it wants to be and how its cells align.
    public struct Column: Sendable, Hashable {
        public var title: String
        /// `.content(min:max:)` is measured: as wide as its title and widest cell, within the
        /// bounds, and served before `min` and `fill` columns get any spare width.
        public var width: Layout.Constraint
        public var alignment: Alignment
        /// Columns with a rank are hidden, lowest rank first, while the shown columns do not fit
        /// at the widths they want (content columns at their content's), so names are cut only
        /// when nothing else can give way. Nil: always shown.
        public var hideRank: Int?
        /// The widest cell of a `.content` column over all the list's rows, when the table is
        /// given only those on screen (a long list formats no others); nil: measured from its rows.
        public var contentWidth: Int?

        public init(_ title: String, width: Layout.Constraint = .fill, alignment: Alignment = .left, hideRank: Int? = nil,
                    contentWidth: Int? = nil) {
            self.title = title
            self.width = width
            self.alignment = alignment
            self.hideRank = hideRank
            self.contentWidth = contentWidth
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

    /// The column rects for a table in `area`, one space apart, one per column in order; a
    /// hidden column's is empty. Width no column can use stays blank at the right, as in k9s,
    /// rather than spreading the columns apart.
    public func columnRects(in area: Rect) -> [Rect] {
        let constraints = columns.indices.map(measured)
        var shown = Array(columns.indices)
        func wanted(_ k: Int) -> Int {
            switch constraints[k] {
            case .fixed(let n), .min(let n), .content(_, let n): n
            case .percent(let p): area.width * p / 100
            case .fill: 0
            }
        }
        func natural() -> Int { shown.reduce(shown.count - 1) { $0 + wanted($1) } }
        let ranked = columns.indices.filter { columns[$0].hideRank != nil }.sorted { columns[$0].hideRank! < columns[$1].hideRank! }
        for k in ranked where natural() > area.width {
            shown.removeAll { $0 == k }
        }
        let parts = shown.map { constraints[$0] }
        let grows = parts.contains { if case .min = $0 { true } else { $0 == .fill } }
        var used = area
        if !grows { used.width = min(area.width, natural()) }
        let rects = Layout.split(used, direction: .horizontal, constraints: parts, spacing: 1)
        var result = [Rect](repeating: Rect(x: area.x, y: area.y, width: 0, height: area.height), count: columns.count)
        for (k, rect) in zip(shown, rects) { result[k] = rect }
        return result
    }

    /// Column `k`'s constraint with a `.content` maximum brought down to what its title and
    /// cells need.
    private func measured(_ k: Int) -> Layout.Constraint {
        guard case .content(let low, let high) = columns[k].width else { return columns[k].width }
        let widest = columns[k].contentWidth.map { max($0, DisplayWidth.of(columns[k].title)) } ?? rows.reduce(DisplayWidth.of(columns[k].title)) { k < $1.cells.count ? max($0, DisplayWidth.of($1.cells[k].text)) : $0 }
        return .content(min: low, max: max(low, min(high, widest)))
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
