/// What a character becomes on a terminal whose locale is not UTF-8 (`LANG=C`, common over ssh
/// and in containers), where curses cannot show it: box drawing as the terminal's own line
/// drawing (ACS, which works in any locale), everything else the screens draw as one ASCII
/// character of the same width, so every text and layout stays intact.
enum NarrowGlyph: Equatable {
    /// curses' alternate character set, by its VT100 letter (`q` a horizontal line).
    case lineDrawing(UInt8)
    case ascii(UInt8)

    /// The stand-in for `scalar`; nil for ASCII, which needs none. A character no screen draws
    /// (text from the data, say) becomes `?`.
    static func of(_ scalar: Unicode.Scalar) -> NarrowGlyph? {
        guard scalar.value >= 0x80 else { return nil }
        if let letter = lineDrawing[scalar] { return .lineDrawing(letter) }
        if (0x2800...0x28FF).contains(scalar.value) { return .ascii(braille(UInt8(scalar.value - 0x2800))) }
        return .ascii(ascii[scalar] ?? UInt8(ascii: "?"))
    }

    /// A chart's braille cell (2×4 dots) by its highest dot: `'` at the top, `-` in the middle,
    /// `.` at the bottom, a space without dots.
    private static func braille(_ dots: UInt8) -> UInt8 {
        if dots & 0x09 != 0 { return UInt8(ascii: "'") }      // row 1
        if dots & 0x36 != 0 { return UInt8(ascii: "-") }      // rows 2 and 3
        if dots & 0xC0 != 0 { return UInt8(ascii: ".") }      // row 4
        return UInt8(ascii: " ")
    }

    private static let lineDrawing: [Unicode.Scalar: UInt8] = [
        "─": UInt8(ascii: "q"), "│": UInt8(ascii: "x"), "┌": UInt8(ascii: "l"), "┐": UInt8(ascii: "k"),
        "└": UInt8(ascii: "m"), "┘": UInt8(ascii: "j"), "├": UInt8(ascii: "t"), "┤": UInt8(ascii: "u"),
        "┬": UInt8(ascii: "w"), "┴": UInt8(ascii: "v"), "┼": UInt8(ascii: "n"), "░": UInt8(ascii: "a"),
    ]

    private static let ascii: [Unicode.Scalar: UInt8] = {
        var table: [Unicode.Scalar: UInt8] = [
            "·": UInt8(ascii: "-"), "…": UInt8(ascii: "~"), "–": UInt8(ascii: "-"), "—": UInt8(ascii: "-"),
            "−": UInt8(ascii: "-"), "→": UInt8(ascii: ">"), "↑": UInt8(ascii: "^"), "↓": UInt8(ascii: "v"),
            "×": UInt8(ascii: "x"), "∞": UInt8(ascii: "~"), "●": UInt8(ascii: "*"), "❤": UInt8(ascii: "<"),
            "é": UInt8(ascii: "e"), "≥": UInt8(ascii: ">"), "◀": UInt8(ascii: "<"),
        ]
        // Sparkline and bar heights, lowest to full, as an ASCII ramp.
        for (block, char) in zip("▁▂▃▄▅▆▇█".unicodeScalars, "_.-:=+*#".utf8) { table[block] = char }
        // Partial bar cells, narrowest to widest.
        for block in "▏▎▍▌▋▊▉".unicodeScalars { table[block] = UInt8(ascii: "|") }
        return table
    }()
}
