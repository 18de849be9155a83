/// Why a file of numbers (one per line) could not be used; the description is the one line
/// `pipetop drift` prints, naming the file and, where there is one, the line.
public enum NumberFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A line that is neither blank, a `#` comment, nor a number.
    case notANumber(source: String, line: Int, text: String)
    /// A line holding NaN or an infinity, which no drift metric can use.
    case notFinite(source: String, line: Int, text: String)
    /// No numbers at all.
    case empty(source: String)
    /// The file could not be read; `reason` says why (missing, a directory, …).
    case unreadable(source: String, reason: String)

    public var description: String {
        switch self {
        case .notANumber(let source, let line, let text):
            "\(source):\(line): not a number: \"\(Self.clipped(text))\""
        case .notFinite(let source, let line, let text):
            "\(source):\(line): not a finite number: \"\(Self.clipped(text))\""
        case .empty(let source):
            "\(source): no numbers (the file is empty or holds only blank and # lines)"
        case .unreadable(let source, let reason):
            "\(source): cannot read: \(reason)"
        }
    }

    /// A binary or minified file can have a "line" of megabytes; the message stays one short line.
    private static func clipped(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
