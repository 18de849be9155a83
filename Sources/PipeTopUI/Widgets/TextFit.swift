/// Fitting text into a number of columns: truncation with `…` and word wrapping by display width.
public enum TextFit {
    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// `text` broken into lines of at most `width` columns, at spaces where possible;
    /// a word longer than a line is split. Explicit newlines start new lines.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var rest = Substring(word)
                var wordWidth = DisplayWidth.of(String(rest))
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + rest
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    let (head, tail, headWidth) = split(rest, at: width)
                    lines.append(head)
                    rest = tail
                    wordWidth -= headWidth
                    if headWidth == 0 { break }  // a glyph wider than the line: give up on it
                }
                line = String(rest)
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    private static func split(_ text: Substring, at width: Int) -> (String, Substring, Int) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let w = DisplayWidth.of(text[index])
            if used + w > width { break }
            used += w
            index = text.index(after: index)
        }
        return (String(text[..<index]), text[index...], used)
    }
}
