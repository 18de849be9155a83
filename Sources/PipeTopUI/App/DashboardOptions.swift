import Foundation
import PipeTopCore

/// What a dashboard run is configured with: fixed for the run, read by `update` and by
/// rendering, never changed by either.
public struct DashboardOptions: Sendable {
    public var settings: EngineSettings
    public var keymap: Keymap
    public var themes: [Theme]
    /// The theme at start (`[ui] theme`, `$PIPETOP_THEME`).
    public var theme: Theme
    public var fps: Int
    public var timeRange: TimeRange
    public var readOnly: Bool
    /// Where events come from, for the header.
    public var source: String
    /// Whether and how the operator can act on pipelines.
    public var control: ControlOptions
    /// The selected context, for the header (nil: none selected).
    public var contextName: String? = nil
    /// The contexts `:context` can switch to (empty: switching is not offered).
    public var contexts: [String] = []
    /// The selected context is protected: the header shows it in the critical colour.
    public var contextProtected = false
    /// The Tail screen's columns at start (`[ui] tail_columns`).
    public var tailColumns = ScoredColumn.tailDefaults
    /// Pipelines read through their own topics (`[[pipelines]]`), shown as mapped.
    public var mapped: [PipelineConfig] = []
    /// `[[pipelines]]` templates: a pipeline of theirs the source finds while it runs is
    /// mapped too.
    public var mappedTemplates: [PipelineConfig] = []
    /// Why the Topics screen has nothing to show (a demo or a replay has no cluster to ask);
    /// nil when the source has a cluster.
    public var topicsUnavailable: String? = "Topics need a Kafka source"
    /// A fresh id for each command sent (a UUID; fixed ones in tests).
    public var newCommandID: @Sendable () -> String = { UUID().uuidString.lowercased() }

    public init(settings: EngineSettings, keymap: Keymap, themes: [Theme], theme: Theme, fps: Int,
                timeRange: TimeRange, readOnly: Bool, source: String,
                control: ControlOptions = ControlOptions(unavailable: "no control channel")) {
        self.control = control
        self.settings = settings
        self.keymap = keymap
        self.themes = themes
        self.theme = theme
        self.fps = fps
        self.timeRange = timeRange
        self.readOnly = readOnly
        self.source = source
    }

    /// The state a run starts in, on a terminal showing `colors` colours.
    public func initialState(size: (columns: Int, rows: Int), colors: Int, nowMs: Int64) -> AppState {
        var state = AppState(timeRange: timeRange, themes: themes.map(\.name), theme: theme.name, readOnly: readOnly)
        state.size = size
        state.colors = colors
        state.theme = theme.degraded(colors: colors)
        state.tailColumns = tailColumns
        state.nowMs = nowMs
        return state
    }

    /// The theme named `name`, degraded to `colors` colours (the start theme if none is named so).
    func theme(named name: String, colors: Int) -> Theme {
        (themes.first { $0.name == name } ?? theme).degraded(colors: colors)
    }

    /// What a frame of `state` is drawn from.
    public func view(_ state: AppState) -> ViewContext {
        let d = state.data
        var ctx = ViewContext(snapshot: d.snapshot, theme: state.theme, keymap: keymap, settings: settings, source: source,
                              connection: d.connection, connectionRole: d.connectionRole, nowMs: state.nowMs)
        ctx.liveScoredTotal = d.liveScoredTotal
        ctx.memo = d.memo
        ctx.contextName = contextName
        ctx.contextProtected = contextProtected
        ctx.mapped = d.memo.mappedPipelines {
            var byName = Dictionary(mapped.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            if !mappedTemplates.isEmpty {
                for p in d.snapshot.pipelines where byName[p.name] == nil {
                    if let config = PipelineConfig.named(p.name, in: mappedTemplates) { byName[p.name] = config }
                }
            }
            return byName
        }
        ctx.capture = d.capture
        ctx.tailView = d.tailView
        ctx.topicTail = d.topicTail
        ctx.topics = d.topics
        ctx.topicsUnavailable = topicsUnavailable
        ctx.scoredCoverage = d.scoredCoverage
        return ctx
    }
}
