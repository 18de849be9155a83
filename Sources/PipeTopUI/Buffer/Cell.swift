/// One screen cell: a grapheme (a base character plus any combining marks) and its style.
///
/// A wide glyph (CJK, most emoji) occupies its cell and the next; the next cell is a
/// `continuation` with an empty grapheme, which backends skip.
public struct Cell: Sendable, Hashable {
    public var grapheme: String
    public var style: Style
    /// True for the right half of a wide glyph.
    public var continuation: Bool

    public init(_ grapheme: String = " ", style: Style = .plain, continuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.continuation = continuation
    }

    public static let blank = Cell()
}
