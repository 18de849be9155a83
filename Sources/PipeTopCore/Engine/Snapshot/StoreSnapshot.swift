/// An immutable picture of the whole store, taken once per frame by the UI.
public struct StoreSnapshot: Sendable {
    /// Store time when taken (arrival or event time, per the staleness basis), ms.
    public var takenAtMs: Int64
    /// Newest event time seen.
    public var latestEventMs: Int64?
    /// A live source that has sent nothing for a while (over 2 s): when its last message
    /// arrived, wall clock. Nil while messages arrive, before the first, and for a replay.
    public var quietSinceMs: Int64?
    public var pipelines: [PipelineSnapshot]
    public var sources: [SourceSnapshot]
    /// Newest first.
    public var timeline: [TimelineEntry]
    /// All active alerts, worst first.
    public var alerts: [Alert]
    /// Newest first.
    public var alertHistory: [AlertTransition]
    public var totalEvents: UInt64
    public var labelJoin: LabelJoinCounters
    /// The latest scored records the store keeps for the Tail screen (sampled when busy), newest first.
    public var recentScored: [ScoredEvent]
    /// Scored records seen since start.
    public var scoredTotal: UInt64
    /// How the tail samples: records it sampled out (more than a screen can follow in a
    /// second) and the current interval.
    public var scoredSampling: TailSampling
    /// The store's own accounting of what it holds, bytes.
    public var approximateBytes: Int
    /// Things dropped to keep memory bounded (pipelines, versions, keys, features).
    public var evictions: UInt64

    /// A store that has seen nothing: what a dashboard shows before its first reading.
    public static let empty = StoreSnapshot(
        takenAtMs: 0, latestEventMs: nil, pipelines: [], sources: [], timeline: [], alerts: [], alertHistory: [], totalEvents: 0,
        labelJoin: LabelJoinCounters(), recentScored: [], scoredTotal: 0, scoredSampling: TailSampling(),
        approximateBytes: 0, evictions: 0)

    public func pipeline(named name: String) -> PipelineSnapshot? {
        pipelines.first { $0.name == name }
    }

    /// The version of `model` serving in `pipeline`, if one does (what acknowledges a
    /// re-published version).
    public func serving(_ pipeline: String, _ model: String) -> Int? {
        self.pipeline(named: pipeline)?.models.first { $0.name == model }?.primary
    }
}
