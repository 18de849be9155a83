/// Plain-text columns for the command line and the dashboard's dialogs: two spaces apart,
/// each as wide as its widest cell, trailing spaces trimmed.
public enum TextTable {
    /// The header and the rows as lines; columns in `rightAligned` (by index) align right.
    public static func lines(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0.count > c ? $0[c].count : 0 }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (c, cell) in row.enumerated() where c < widths.count {
                let gap = String(repeating: " ", count: widths[c] - cell.count)
                line += (c == 0 ? "" : "  ") + (rightAligned.contains(c) ? gap + cell : cell + gap)
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
