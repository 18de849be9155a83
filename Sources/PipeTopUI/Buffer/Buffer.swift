/// A grid of styled cells that widgets render into; the terminal diffs two of them per frame.
///
/// Cells are stored row-major in one array so a frame can be reset and reused without
/// allocating. Out-of-bounds writes are ignored: widgets can be handed any area.
public struct Buffer: Sendable, Hashable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// A plain-styled buffer holding `lines`, as wide as the widest line: the expected side of tests.
    public static func with(lines: [String]) -> Buffer {
        let width = lines.map { DisplayWidth.of($0) }.max() ?? 0
        var buffer = Buffer(width: width, height: lines.count)
        for (y, line) in lines.enumerated() {
            buffer.set(string: line, at: (0, y), style: .plain)
        }
        return buffer
    }

    /// The whole buffer as a rect at the origin.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; reading outside gives a blank cell, writing outside is ignored.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            put(newValue, x: x, y: y)
        }
    }

    /// Blanks every cell, keeping the storage (for reuse frame after frame).
    public mutating func reset() {
        for i in cells.indices {
            cells[i] = .blank
        }
    }

    /// Resizes to `width`×`height` and blanks everything.
    public mutating func resize(width: Int, height: Int) {
        let w = max(0, width)
        let h = max(0, height)
        if w == self.width && h == self.height {
            reset()
            return
        }
        self.width = w
        self.height = h
        cells = Array(repeating: .blank, count: w * h)
    }

    /// Writes `string` from (`x`, `y`) rightwards, at most `maxWidth` columns and never past the
    /// right edge; returns the number of columns written.
    ///
    /// Wide glyphs take two cells (the second a continuation) and are dropped when only one column
    /// is left; combining marks stay in the cell of their base; control characters are written as
    /// `?` (tab as a space) so that data can never send escape sequences to the terminal.
    @discardableResult
    public mutating func set(
        string: String, at position: (x: Int, y: Int), style: Style, maxWidth: Int = Int.max
    ) -> Int {
        let y = position.y
        guard y >= 0, y < height, maxWidth > 0 else { return 0 }
        // Compared before adding so a huge maxWidth cannot overflow.
        let limit = maxWidth >= width - position.x ? width : position.x + maxWidth
        var x = position.x
        var lastWritten = -1
        for character in string {
            if x >= limit { break }
            if DisplayWidth.isControl(character) {
                let replacement = character == "\t" ? " " : "?"
                if x >= 0 { put(Cell(replacement, style: style), x: x, y: y) }
                lastWritten = x
                x += 1
                continue
            }
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A mark without a base in this string: attach it to what we wrote last, else drop.
                if lastWritten >= 0 {
                    cells[y * width + lastWritten].grapheme.append(character)
                }
                continue
            }
            if x + w > limit { break }
            if x >= 0 {
                put(Cell(String(character), style: style), x: x, y: y)
                if w == 2 { put(Cell("", style: style, continuation: true), x: x + 1, y: y) }
                lastWritten = x
            }
            x += w
        }
        return max(0, x - max(position.x, 0))
    }

    /// Sets every cell of `rect` to a space in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom {
            for x in r.x..<r.right {
                put(Cell(" ", style: style), x: x, y: y)
            }
        }
    }

    /// Changes the style of every cell in `rect`, keeping its text.
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom {
            for x in r.x..<r.right {
                cells[y * width + x].style = style
            }
        }
    }

    /// Plain text of each row, for tests: a wide glyph appears once, its continuation not at all.
    public var lines: [String] {
        var result: [String] = []
        result.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.continuation { line += cell.grapheme }
            }
            result.append(line)
        }
        return result
    }

    /// The cells that differ from `previous`, in row-major order; everything if the size differs.
    public func diff(from previous: Buffer) -> [(x: Int, y: Int, cell: Cell)] {
        var changes: [(x: Int, y: Int, cell: Cell)] = []
        let sameSize = previous.width == width && previous.height == height
        for y in 0..<height {
            let row = y * width
            for x in 0..<width where !sameSize || cells[row + x] != previous.cells[row + x] {
                changes.append((x, y, cells[row + x]))
            }
        }
        return changes
    }

    /// Writes one cell, repairing any wide glyph it cuts in half so the grid stays consistent.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        let old = cells[index]
        if old.continuation && !cell.continuation && x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if !old.continuation && x + 1 < width && cells[index + 1].continuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}
