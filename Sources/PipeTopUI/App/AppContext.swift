import PipeTopCore

/// What `update` needs to know about the data on screen: the row ids of the current
/// screen (after its filter), the names commands can complete, and for control actions the
/// snapshot they are planned against.
public struct AppContext: Sendable {
    /// Ids of the rows of the current screen, in display order (pipeline names on the overview).
    public var rowIDs: [String]
    public var pipelines: [String]
    public var nowMs: Int64
    /// Rows one page moves.
    public var pageRows: Int
    /// The data on screen (control actions are planned against it).
    public var snapshot: StoreSnapshot?
    public var control: ControlOptions
    /// A fresh id for a command sent while handling this event (a UUID in the app).
    public var commandID: String
    /// The Tail screen's records after its filter, oldest first (filled on that screen only).
    public var tailRecords: [ScoredEvent] = []
    /// The `[[contexts]]` names `:context` can switch to (none: switching is not offered), and the current one.
    public var contexts: [String] = []
    public var currentContext: String?
    /// Whether a capture (`W`) is running.
    public var capturing = false

    public init(rowIDs: [String] = [], pipelines: [String] = [], nowMs: Int64 = 0, pageRows: Int = 10,
                snapshot: StoreSnapshot? = nil, control: ControlOptions = ControlOptions(unavailable: "no control channel"),
                commandID: String = "", tailRecords: [ScoredEvent] = [], contexts: [String] = [], currentContext: String? = nil,
                capturing: Bool = false) {
        self.capturing = capturing
        self.tailRecords = tailRecords
        self.contexts = contexts
        self.currentContext = currentContext
        self.rowIDs = rowIDs
        self.pipelines = pipelines
        self.nowMs = nowMs
        self.pageRows = pageRows
        self.snapshot = snapshot
        self.control = control
        self.commandID = commandID
    }

    /// `pipeline/model` for every model on screen, for completion.
    var modelPaths: [String] {
        (snapshot?.pipelines ?? []).flatMap { p in p.models.map { "\(p.name)/\($0.name)" } }
    }
}
