/// What `update` needs to know about the data on screen: the row ids of the current
/// screen (after its filter) and the names commands can complete.
public struct AppContext: Sendable {
    /// Ids of the rows of the current screen, in display order (pipeline names on the overview).
    public var rowIDs: [String]
    public var pipelines: [String]
    public var nowMs: Int64
    /// Rows one page moves.
    public var pageRows: Int

    public init(rowIDs: [String] = [], pipelines: [String] = [], nowMs: Int64 = 0, pageRows: Int = 10) {
        self.rowIDs = rowIDs
        self.pipelines = pipelines
        self.nowMs = nowMs
        self.pageRows = pageRows
    }
}
