/// One token of a filter expression, with the 1-based column where it starts.
struct FilterToken: Sendable {
    enum Kind: Sendable, Equatable {
        /// A field name, `has`, `features`, `primary`/`shadow`, `true`/`false`, or a feature name after `.`.
        case identifier(String)
        case number(Double)
        /// A double-quoted string, escapes resolved.
        case string(String)
        /// A JSON Pointer into a decoded value, `/result/score` (a `/` anywhere but after `~`).
        case pointer(String)
        /// `/pattern/flags`, only right after `~`.
        case regex(pattern: String, flags: String)
        case compare(FilterCompareOperator)
        /// `~`
        case match
        /// `and` or `&&`
        case and
        /// `or` or `||`
        case or
        /// `not` or `!`
        case not
        case openParen
        case closeParen
        case dot
        /// After the last token; its column is one past the text.
        case end
    }

    var kind: Kind
    var column: Int
    /// The source text of the token, for messages.
    var text: String
}
