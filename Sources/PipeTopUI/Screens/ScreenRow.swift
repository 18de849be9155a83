/// One row of a screen's table: an id `update` can act on, and its cells.
public struct ScreenRow: Sendable, Hashable {
    public var id: RowID
    public var cells: [Span]
    public var role: ThemeRole?
    /// What the `/` filter matches instead of the whole row (the Topics screen: the name).
    public var filterText: String?

    public init(id: RowID, cells: [Span], role: ThemeRole? = nil, filterText: String? = nil) {
        self.id = id
        self.cells = cells
        self.role = role
        self.filterText = filterText
    }

    /// The row as the `/` filter sees it.
    public var text: String { filterText ?? cells.map(\.text).joined(separator: " ") }

    /// `rows` without those the screen's filter hides.
    static func filtered(_ rows: [ScreenRow], by filter: RowFilter?) -> [ScreenRow] {
        guard let filter, case .success(let matcher) = filter.compiled() else { return rows }
        return rows.filter { matcher.keeps($0.text) }
    }
}
