/// An in-memory backend for tests: keeps the grid the terminal would show and counts what was sent.
public final class TestBackend: Backend {
    /// What the screen shows after the draws so far.
    public private(set) var buffer: Buffer
    /// Cells sent between one flush and the next, one entry per flush (one per frame).
    public private(set) var cellsPerFlush: [Int] = []
    public private(set) var flushCount = 0
    public private(set) var clearCount = 0
    private var pending = 0

    public init(columns: Int, rows: Int) {
        buffer = Buffer(width: columns, height: rows)
    }

    /// The terminal size; setting it is a resize (the grid is blanked, as a real terminal may be).
    public var size: (columns: Int, rows: Int) {
        get { (buffer.width, buffer.height) }
        set { buffer = Buffer(width: newValue.columns, height: newValue.rows) }
    }

    public func draw(_ cells: [(x: Int, y: Int, cell: Cell)]) {
        pending += cells.count
        for change in cells {
            buffer[change.x, change.y] = change.cell
        }
    }

    public func clear() {
        clearCount += 1
        buffer.reset()
    }

    public func flush() {
        flushCount += 1
        cellsPerFlush.append(pending)
        pending = 0
    }

    /// Cells sent for the most recent frame.
    public var lastFrameCellCount: Int { cellsPerFlush.last ?? 0 }

    /// The screen as plain text, one string per row.
    public var lines: [String] { buffer.lines }
}
