import TOMLKit

/// Parses TOML text into a table, turning TOMLKit's error into a position and a message,
/// the same way for the configuration and the theme files.
public enum TOMLText {
    /// Where and why a TOML document does not parse.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public static func parse(_ text: String) throws(SyntaxError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw SyntaxError(line: 1, column: 1, message: "\(error)")
        }
    }
}
