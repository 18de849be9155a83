/// A buffer as text with ANSI SGR escapes (for `--screenshot --ansi`): what a terminal would
/// show, colours and all, in a file `cat` or `less -R` displays.
public enum AnsiText {
    public static func render(_ buffer: Buffer) -> String {
        var out = ""
        for y in 0..<buffer.height {
            var current = Style.plain
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.continuation { continue }
                if cell.style != current {
                    out += sgr(cell.style)
                    current = cell.style
                }
                out += cell.grapheme
            }
            if current != .plain { out += "\u{1B}[0m" }
            out += "\n"
        }
        return out
    }

    /// The escape that sets exactly `style` (after a reset).
    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.modifiers.contains(.bold) { codes.append("1") }
        if style.modifiers.contains(.dim) { codes.append("2") }
        if style.modifiers.contains(.underline) { codes.append("4") }
        if style.modifiers.contains(.reverse) { codes.append("7") }
        codes += color(style.fg, base: 30)
        codes += color(style.bg, base: 40)
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func color(_ c: Color, base: Int) -> [String] {
        switch c {
        case .default: []
        case .basic(let n) where n < 8: ["\(base + Int(n))"]
        case .basic(let n): ["\(base + 60 + Int(n) - 8)"]
        case .indexed(let n): ["\(base + 8)", "5", "\(n)"]
        }
    }
}
