/// A frozen view of one model version for the UI and the control plane.
public struct VersionSnapshot: Sendable, Hashable {
    public let version: Int
    public let state: ModelState
    public let parent: Int?
    public let description: String?
    public let metrics: [NamedValue]
    public let artifact: ArtifactSummary?
    /// The reference distribution shipped with the version, for drift.
    public let reference: Reference?
    /// Where a mapped pipeline's newest message of this version was read (the one re-publishing
    /// sends again); nil for contract pipelines.
    public let origin: MessageOrigin?
    public let firstSeenMs: Int64
    public let stateSinceMs: Int64
    /// Latest event time of anything about this version, heartbeats included.
    public let lastEventMs: Int64
    /// Instances that report the version loaded, most recently seen first.
    public let serving: [ServingInstance]
    /// Lifecycle history, oldest first, bounded by `maxTransitionsPerVersion`.
    public let transitions: [ModelTransition]

    public var servingInstances: Int { serving.count }

    public init(
        version: Int, state: ModelState, parent: Int? = nil, description: String? = nil, metrics: [NamedValue] = [],
        artifact: ArtifactSummary? = nil, reference: Reference? = nil, origin: MessageOrigin? = nil, firstSeenMs: Int64, stateSinceMs: Int64,
        lastEventMs: Int64, serving: [ServingInstance] = [], transitions: [ModelTransition] = []
    ) {
        self.version = version
        self.state = state
        self.parent = parent
        self.description = description
        self.metrics = metrics
        self.artifact = artifact
        self.reference = reference
        self.origin = origin
        self.firstSeenMs = firstSeenMs
        self.stateSinceMs = stateSinceMs
        self.lastEventMs = lastEventMs
        self.serving = serving
        self.transitions = transitions
    }

    init(_ r: VersionRecord) {
        version = r.version
        state = r.state
        parent = r.parent
        description = r.description
        metrics = r.metrics
        artifact = r.artifact
        reference = r.reference
        origin = r.origin
        firstSeenMs = r.firstSeenMs
        stateSinceMs = r.stateSinceMs
        lastEventMs = r.lastEventMs
        serving = r.serving.sorted { ($0.lastSeenMs, $1.instance) > ($1.lastSeenMs, $0.instance) }
        transitions = r.history
    }
}
