/// The `/` filter of a table: a regular expression over each row's text, `/!` inverts it.
public struct RowFilter: Sendable, Hashable {
    public var pattern: String
    public var inverted: Bool

    /// Parses what was typed after `/`: a leading `!` inverts. Nil for an empty filter.
    public init?(typed: String) {
        let inverted = typed.hasPrefix("!")
        let pattern = inverted ? String(typed.dropFirst()) : typed
        guard !pattern.isEmpty else { return nil }
        self.pattern = pattern
        self.inverted = inverted
    }

    /// The compiled filter (case-insensitive), or the error a user can act on.
    public func compiled() -> Result<RowMatcher, FilterError> {
        if let literal = RowMatcher(literal: pattern, inverted: inverted) { return .success(literal) }
        do {
            return .success(RowMatcher(regex: try Regex(pattern).ignoresCase(), inverted: inverted))
        } catch {
            return .failure(FilterError(pattern: pattern))
        }
    }

    public var label: String { (inverted ? "!" : "") + pattern }
}

/// A filter that is not a valid regular expression.
public struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    public var description: String { "invalid filter /\(pattern)/: not a regular expression" }
}
