/// Why a filter expression was rejected: a one-line message and the 1-based column (in
/// characters) of the text it is about. Its `description` is `column N: message`, ready to
/// show under a filter prompt or on stderr.
public struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based character column; one past the last character when the text ended too early.
    public var column: Int
    /// What is wrong, without the column.
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}
