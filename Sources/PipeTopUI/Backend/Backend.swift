/// Where frames go: the real terminal (ncurses) or memory (tests).
///
/// The terminal layer diffs each new frame against the previous one and passes
/// only the changed cells, then asks for one `flush`.
public protocol Backend: AnyObject {
    /// Current size in cells (columns, rows).
    var size: (columns: Int, rows: Int) { get }
    /// Writes cells at their positions (x = column, y = row), not yet visible.
    func draw(_ cells: [(x: Int, y: Int, cell: Cell)])
    /// Clears the whole screen (after a resize or a suspend/resume).
    func clear()
    /// Makes everything drawn since the last flush visible at once.
    func flush()
}
