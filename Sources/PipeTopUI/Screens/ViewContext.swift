import PipeTopCore

/// What a frame is drawn from besides the UI state: the data and how to show it.
public struct ViewContext: Sendable {
    public var snapshot: StoreSnapshot
    /// Work derived from `snapshot`, done once for every pass over it (a frame made from a
    /// snapshot by hand brings a fresh one).
    var memo = SnapshotMemo()
    public var theme: Theme
    public var keymap: Keymap
    public var settings: EngineSettings
    /// Where events come from: `replay FILE`, `demo`, `kafka HOST:PORT`.
    public var source: String
    /// `connected`, `replay finished`, `disconnected, retry in 3s`…
    public var connection: String
    public var connectionRole: ThemeRole
    /// Wall-clock time for the header clock, ms.
    public var nowMs: Int64
    /// Scored records ingested so far, read live even while the display is paused.
    public var liveScoredTotal: UInt64?
    /// The selected `[[contexts]]` entry, shown in the header whenever there is one.
    public var contextName: String? = nil
    /// The selected context is protected (production): its name is shown in the critical colour.
    public var contextProtected = false
    /// Pipelines read through their own topics, by name.
    public var mapped: [String: PipelineConfig] = [:]
    /// The Tail screen's records from its own filtered view (newest first, already filtered
    /// by pipeline and filter), and how it samples the matches; nil: the snapshot's.
    public var tailView: (records: [ScoredEvent], sampling: TailSampling)?
    /// The Tail screen's capture (`W`), while one runs.
    public var capture: RecordCapture.Progress?

    /// The tail of the topic `AppState.tailTopic` names, as its feed last read it.
    public var topicTail: TopicTailSnapshot?

    /// The cluster's topics for the Topics screen (nil: not measured yet), and why there can
    /// be none (a demo or a replay has no cluster to ask; nil when a probe feeds `topics`).
    public var topics: TopicsSnapshot? {
        didSet { groups = topics?.groups ?? [] }
    }
    /// The consumer groups of `topics`, for the Groups screen: gathered once when `topics` is
    /// set (`TopicsSnapshot.groups` goes over every topic's groups each time it is read).
    public private(set) var groups: [ConsumerGroupLag] = []
    public var topicsUnavailable: String? = "Topics need a Kafka source"

    /// What the source reads of the scored topics (`scored_read`), for the Drift and Tail screens.
    public var scoredCoverage = ScoredCoverageMap()

    public init(snapshot: StoreSnapshot, theme: Theme, keymap: Keymap, settings: EngineSettings, source: String,
                connection: String, connectionRole: ThemeRole = .ok, nowMs: Int64) {
        self.snapshot = snapshot
        self.theme = theme
        self.keymap = keymap
        self.settings = settings
        self.source = source
        self.connection = connection
        self.connectionRole = connectionRole
        self.nowMs = nowMs
    }

    /// The pipeline a per-pipeline screen shows: the chosen one, else the first.
    func pipeline(_ state: AppState) -> PipelineSnapshot? {
        state.pipeline.flatMap { snapshot.pipeline(named: $0) } ?? snapshot.pipelines.first
    }
}
