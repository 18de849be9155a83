import PipeTopCore

/// Everything the UI remembers between frames, as one value; `update` is its only mutation.
public struct AppState: Sendable {
    public var screen: Screen = .overview
    /// Screens to return to with `esc`.
    public var history: [Screen] = []
    /// The pipeline the detail, models, drift and tail screens are about.
    public var pipeline: String?
    /// Selected row and scroll offset per screen.
    public var selection: [Screen: Int] = [:]
    /// The first row shown per screen: kept while the selection stays in view, as htop does.
    public var offsets: [Screen: Int] = [:]
    public var filters: [Screen: RowFilter] = [:]
    /// Models whose older finished versions the Models screen shows in full, by pipeline
    /// (`enter` on the fold); the others fold them into one row.
    public var unfoldedModels: [String: Set<String>] = [:]
    public var mode: InputMode = .normal
    /// Display frozen (data keeps flowing into the store).
    public var paused = false
    public var timeRange: TimeRange
    public var themes: [String]
    public var themeIndex: Int
    public var flash: Flash?
    public var showHelp = false
    public var readOnly: Bool
    public var size: (columns: Int, rows: Int) = (80, 24)
    /// Colours the terminal shows; themes are degraded to them.
    public var colors = 256
    /// The theme in use (the one `themeName` names, degraded to `colors`).
    public var theme: Theme = .defaultDark
    /// Wall-clock time of the latest tick, ms: the header clock, flashes, silences, timeouts.
    public var nowMs: Int64 = 0
    /// What the screens show, as last read from the sources.
    public var data = ScreenData()
    /// The transport's reports on commands sent, by id, until the commands are decided (bounded).
    public var deliveries: [String: DeliveryReport] = [:]
    public var quit = false
    /// Set when the operator chose another `[[contexts]]` entry: the run ends and the caller reconnects.
    public var switchTo: String?
    /// Control commands this dashboard sent and what became of them.
    public var commands = CommandTracker()
    /// Acknowledgements and silences of active alerts, by alert id.
    public var alertMarks: [String: AlertMark] = [:]
    /// Operators' actions on alerts, oldest first (bounded), for the Events screen.
    public var alertLog: [OperatorAlertEntry] = []
    /// The selected row is open in full: the Tail's record, or the Topics screen's topic
    /// (`d`); leaving the screen closes it.
    public var showRecord = false
    /// Lines of that view scrolled past (page up/down while it is open).
    public var recordScroll = 0
    /// Opening a record paused the live Tail; closing it follows again.
    public var resumeAfterRecord = false
    /// The Tail screen's filter, in the filter language (`score > 0.9 and has(label)`).
    public var tailFilter: RecordFilter?
    /// What `n`/`N` jump to on the Tail screen, in the same language (nil: no search).
    public var tailSearch: RecordFilter?
    /// The Tail screen's columns, left to right (`[ui] tail_columns`, `:columns`).
    public var tailColumns: [ScoredColumn] = ScoredColumn.tailDefaults
    /// Scored records ingested when the display was paused (the Tail screen counts what arrived since).
    public var pausedAtScored: UInt64?

    /// The Tail shows this topic of the cluster, decoded (the Topics screen's `enter`), instead
    /// of the scored records; nil: the scored records.
    public var tailTopic: String?
    /// How that topic is decoded and where it is read from (`:format`, `:from`).
    public var tailTopicFormat: ValueFormat = .auto
    public var tailTopicStart: StartPosition = TopicTailSnapshot.defaultStart
    /// Its columns after the key (`:columns /id,/result/score`); nil: the whole value.
    public var tailTopicColumns: [TreeColumn]?

    /// How the Overview orders its pipelines (`o`, `:sort`).
    public var overviewSort: OverviewSort = .status

    /// How the Topics screen orders its rows, and whether it shows internal topics (`_…`).
    public var topicsSort: TopicsSort = .name
    public var showInternalTopics = false

    public init(timeRange: TimeRange = .oneMinute, themes: [String] = ["default"], theme: String = "default", readOnly: Bool = false) {
        self.timeRange = timeRange
        self.themes = themes.isEmpty ? ["default"] : themes
        themeIndex = self.themes.firstIndex(of: theme) ?? 0
        self.readOnly = readOnly
    }

    public var themeName: String { themes[themeIndex] }

    /// The pipeline whose versions' live numbers are on screen (its Pipeline, Models or Drift
    /// screen), if any: the store follows its versions first (`PipelineStore.focus(on:)`).
    /// (The Tail shows records, which need no windows.)
    public var pipelineOnScreen: String? {
        guard [.pipeline, .models, .drift].contains(screen) else { return nil }
        return pipeline ?? data.snapshot.pipelines.first?.name
    }

    /// The selected row of `count` on `screen`; with none chosen, the first row, except on
    /// the Tail, which follows its newest row, the last.
    public func selected(on screen: Screen, count: Int) -> Int {
        min(selection[screen] ?? (screen == .tail ? count - 1 : 0), max(0, count - 1))
    }
}
