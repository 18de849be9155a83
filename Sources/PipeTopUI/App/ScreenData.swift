import PipeTopCore

/// What the screens show from the sources, as the runtime last read them (`Message.data`).
/// While the display is paused, `update` keeps the snapshot, the connection, the Tail's view
/// and the topic's tail as they were and takes only what says how much arrived meanwhile.
public struct ScreenData: Sendable {
    public private(set) var snapshot: StoreSnapshot = .empty
    /// What the screens work out from `snapshot` once (it goes with the snapshot: a paused
    /// display keeps both).
    let memo = SnapshotMemo()
    /// `connected`, `replay finished`, `disconnected, retry in 3s`…, and its colour.
    public var connection = ""
    public var connectionRole: ThemeRole = .ok
    /// Scored records ingested so far, read live even while the display is paused.
    public var liveScoredTotal: UInt64?
    /// The Tail screen's records from its own filtered view (newest first), and how it
    /// samples; nil: the snapshot's.
    public var tailView: (records: [ScoredEvent], sampling: TailSampling)?
    /// The Tail screen's capture (`W`), while one runs.
    public var capture: RecordCapture.Progress?
    /// The tail of the topic `AppState.tailTopic` names, as its feed last read it.
    public var topicTail: TopicTailSnapshot?
    /// The cluster's topics, read while the Topics screen shows (nil: not measured yet).
    public var topics: TopicsSnapshot?
    /// What the source reads of the scored topics (`scored_read`): `sampled: 3 of 24 partitions`.
    public var scoredCoverage = ScoredCoverageMap()

    public init(snapshot: StoreSnapshot = .empty, connection: String = "", connectionRole: ThemeRole = .ok) {
        self.snapshot = snapshot
        self.connection = connection
        self.connectionRole = connectionRole
    }

    /// `newer` as a paused display shows it: these frozen parts, its live counts.
    func paused(taking newer: ScreenData) -> ScreenData {
        var kept = self
        kept.liveScoredTotal = newer.liveScoredTotal
        kept.capture = newer.capture
        kept.topics = newer.topics
        return kept
    }
}
