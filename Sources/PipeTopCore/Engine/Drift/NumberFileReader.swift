/// Parses "one number per line" text, as `pipetop drift` reads its reference and current files.
public enum NumberFileReader: Sendable {
    /// The numbers in `text`, in order. Blank lines and lines whose first non-blank character is
    /// `#` are skipped; surrounding spaces, tabs and `\r` are allowed. Anything else that is not
    /// a finite number is an error naming `source` and the 1-based line.
    public static func parse(_ text: String, source: String) throws(NumberFileError) -> [Double] {
        var numbers = [Double]()
        var lineNumber = 0
        // "\r\n" is a single Character in Swift, so it must be named as a separator of its own.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for rawLine in lines {
            lineNumber += 1
            let line = trimmed(rawLine)
            if line.isEmpty || line.first == "#" { continue }
            // Swift's parser takes hex floats and "nan"/"inf" too; non-finite ones are rejected
            // below with their own message, since they parse but cannot be measured.
            guard let value = Double(line) else {
                throw .notANumber(source: source, line: lineNumber, text: String(line))
            }
            guard value.isFinite else {
                throw .notFinite(source: source, line: lineNumber, text: String(line))
            }
            numbers.append(value)
        }
        guard !numbers.isEmpty else { throw .empty(source: source) }
        return numbers
    }

    private static func trimmed(_ line: Substring) -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = line.firstIndex(where: { !isBlank($0) }),
              let end = line.lastIndex(where: { !isBlank($0) })
        else { return line[line.endIndex...] }
        return line[start...end]
    }
}
