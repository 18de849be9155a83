import PipeTopCore

/// What handling one input needs to know beyond the state, derived from the state and the
/// run's options: the rows of the current screen (after its filter), the names commands can
/// complete, and for control actions the snapshot they are planned against.
struct AppContext: Sendable {
    /// The rows of the current screen, in display order.
    var rowIDs: [RowID]
    var pipelines: [String]
    var nowMs: Int64
    /// Rows one page moves.
    var pageRows: Int
    /// How far the open record (`enter` on the Tail) can scroll.
    var recordMaxScroll: Int
    /// The data on screen (control actions are planned against it).
    var snapshot: StoreSnapshot?
    var control: ControlOptions
    /// A fresh id for a command sent while handling this event (a UUID in the app).
    var commandID: String
    /// The Tail screen's records after its filter, oldest first (filled on that screen only).
    var tailRecords: [ScoredEvent] = []
    /// The messages a topic's tail shows (filtered), for `w` there.
    var topicRecords: [TopicRecord] = []
    /// The Tail shows a topic (not the scored records).
    var onTopicTail = false
    /// The `[[contexts]]` names `:context` can switch to (none: switching is not offered), and the current one.
    var contexts: [String] = []
    var currentContext: String?
    /// Whether a capture (`W`) is running.
    var capturing = false
    /// The themes `:theme` can switch to.
    var themes: [String] = []
    /// The orders `:sort` takes on this screen (the Topics screen's there, else the Overview's).
    var sorts: [String] = OverviewSort.names
    /// What `:from` completes to on a topic's tail: the usual positions, then `group:NAME` for
    /// each consumer group the last sample of the Topics screen saw reading the topic.
    var fromPositions = ["beginning", "end", "@-10m", "-1000"]
    /// On the Groups screen, the topic `enter` tails for the selected group.
    var groupTopic: String?

    init(rowIDs: [RowID] = [], pipelines: [String] = [], nowMs: Int64 = 0, pageRows: Int = 10, recordMaxScroll: Int = .max,
         snapshot: StoreSnapshot? = nil, control: ControlOptions = ControlOptions(unavailable: "no control channel"),
         commandID: String = "", tailRecords: [ScoredEvent] = [], contexts: [String] = [], currentContext: String? = nil,
         capturing: Bool = false, themes: [String] = []) {
        self.capturing = capturing
        self.themes = themes
        self.tailRecords = tailRecords
        self.contexts = contexts
        self.currentContext = currentContext
        self.rowIDs = rowIDs
        self.pipelines = pipelines
        self.nowMs = nowMs
        self.pageRows = pageRows
        self.recordMaxScroll = recordMaxScroll
        self.snapshot = snapshot
        self.control = control
        self.commandID = commandID
    }

    /// The context of an input to `state` in a run with `options`.
    init(_ state: AppState, _ options: DashboardOptions) {
        let view = options.view(state)
        let snapshot = state.data.snapshot
        self.init(rowIDs: Dashboard.rowIDs(state, view), pipelines: snapshot.pipelines.map(\.name), nowMs: state.nowMs,
                  pageRows: Self.pageRows(state), recordMaxScroll: Dashboard.openRecordMaxScroll(state, view),
                  snapshot: snapshot, control: options.control, commandID: options.newCommandID(),
                  tailRecords: state.screen == .tail && state.tailTopic == nil ? TailScreen.records(view, state) : [],
                  contexts: options.contexts, currentContext: options.contextName, capturing: state.data.capture != nil,
                  themes: state.themes)
        sorts = state.screen == .topics ? TopicsSort.names : OverviewSort.names
        onTopicTail = state.screen == .tail && state.tailTopic != nil
        topicRecords = onTopicTail ? TopicTailScreen.records(view, state) : []
        if state.screen == .groups, let g = GroupsScreen.selectedGroup(view, state) {
            groupTopic = GroupsScreen.topicToTail(g, stalledAfterMs: view.settings.alerts.groupStalledAfterMs)
        }
        if let topic = state.tailTopic, let stats = view.topics?.topics.first(where: { $0.name == topic }) {
            fromPositions += stats.groups.map { "group:" + $0.group }
        }
    }

    /// Table rows on a screen of the state's size: the frame less header, tabs, footer, borders and the table's header.
    static func pageRows(_ state: AppState) -> Int { max(1, state.size.rows - 6) }

    /// `pipeline/model` for every model on screen, for completion.
    var modelPaths: [String] {
        (snapshot?.pipelines ?? []).flatMap { p in p.models.map { "\(p.name)/\($0.name)" } }
    }
}
