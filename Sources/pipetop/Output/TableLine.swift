/// One line of `pipetop tail --format table`: cells padded to their column's width (left, or
/// right for numbers), one space apart; a value too long is cut with `…`; the last column of
/// text is not padded.
enum TableLine {
    static func format(_ cells: [String], widths: [Int], numeric: [Bool]) -> String {
        var line = ""
        for (i, cell) in cells.enumerated() {
            let width = widths[i]
            let text = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
            let fill = String(repeating: " ", count: width - text.count)
            if i > 0 { line += " " }
            line += numeric[i] ? fill + text : (i == cells.count - 1 ? text : text + fill)
        }
        return line
    }
}
