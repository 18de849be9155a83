/// The state engine proper: everything ingested, as a single-threaded value.
///
/// `PipelineStore` wraps it in a lock for ingestion threads and the UI; tests
/// and replays can drive it directly. Time comes in as parameters (event time
/// in the events, arrival time from the caller), so it never reads a clock.
public struct StoreState: Sendable {
    public let settings: EngineSettings
    public let basis: StalenessBasis
    var pipelines = NamedTable<PipelineState>()
    var sources = NamedTable<SourceCounters>()
    var timeline: Ring<TimelineEntry>
    var alerts = AlertBook()
    /// The active alerts as last evaluated, worst first (see `StoreState+Alerts`).
    var evaluatedAlerts: [Alert] = []
    /// Store time from which the next evaluation is due: the start of the second after the last one.
    var nextEvaluationMs = Int64.min
    /// `approximateBytes` as of the last evaluation, for snapshots: walking every pipeline's
    /// registry on every frame costs a fleet more than the rest of its snapshot.
    var accountedBytes = 0
    var latestEventMs: Int64?
    /// Wall-clock arrival of the newest message, for a live store's "nothing since".
    var lastArrivalMs: Int64?
    var totalEvents: UInt64 = 0
    var evictions: UInt64 = 0
    /// The latest lag measured for a pipeline's consumer group (`[kafka] lag_groups`), by
    /// pipeline; bounded by the configuration, kept before the pipeline's first event.
    var groupLags: [String: GroupLag] = [:]
    /// What is wrong with a topic (`ModelsTopicRetention`, `LeaderlessPartitions`), by topic
    /// and kind: an alert each; bounded by the topics the source reads.
    var topicWarnings: [TopicWarning: String] = [:]
    /// Live version trackers of all pipelines; see `StoreState+Versions`.
    var slots: VersionSlots
    /// The pipeline the operator is looking at (`PipelineStore.focus(on:)`): a version of it
    /// that wants live windows takes the least recently scored one's, tenure or not.
    public var focusedPipeline: String?
    var labelJoin: LabelJoin
    /// The latest scored records, for the Tail screen.
    var tail: ScoredTail
    /// See every scored record as it is ingested (the Tail screen's filtered view, a capture).
    var scoredObservers: [any ScoredObserver] = []
    /// Reused buffer for the entries a label joins, so a label allocates nothing.
    var joinScratch: [LabelJoinEntry] = []

    /// Sources beyond this many are merged into one, so a stream of made-up source names stays bounded.
    static let maxSources = 64

    public init(settings: EngineSettings = EngineSettings(), basis: StalenessBasis = .arrival) {
        self.settings = settings
        self.basis = basis
        timeline = Ring(capacity: settings.limits.timelineEntries)
        slots = VersionSlots(capacity: settings.limits.maxTrackedVersions)
        labelJoin = LabelJoin(capacity: settings.limits.labelJoinKeys, maxAgeMs: settings.limits.labelJoinMaxAgeMs)
        joinScratch.reserveCapacity(16)
        tail = ScoredTail(capacity: settings.limits.tailRecords)
    }

    // MARK: ingestion

    /// Ingests one decoded event from `source`, received at wall-clock `arrivalMs`.
    public mutating func ingest(_ event: Event, source: String, arrivalMs: Int64) {
        switch event {
        case .scored(let e):
            ingest(scored: e, source: source, arrivalMs: arrivalMs)
        case .metrics(let e):
            note(source, tsMs: e.tsMs)
            let limits = settings.limits
            let applied = withPipeline(e.pipeline, arrivalMs: arrivalMs) { $0.apply(e, arrivalMs: arrivalMs, limits: limits) }
            if !applied {
                sources[self.source(source)].outOfOrder += 1
            } else if !e.histograms.isEmpty {
                // Interval counts: a duplicate or out-of-order report (refused above) would count twice.
                summarize(e, arrivalMs: arrivalMs)
            }
        case .model(let e):
            note(source, tsMs: e.tsMs)
            apply(model: e, source: source, arrivalMs: arrivalMs)
        case .label(let e):
            note(source, tsMs: e.tsMs)
            apply(label: e)
        case .control(let e):
            note(source, tsMs: e.tsMs)
            timeline.append(TimelineEntry(.control(e), pipeline: e.pipeline, tsMs: e.tsMs))
        case .ack(let e):
            note(source, tsMs: e.tsMs)
            timeline.append(TimelineEntry(.ack(e), pipeline: e.pipeline, tsMs: e.tsMs))
        }
        arrived(atMs: arrivalMs)
    }

    /// Keeps `lag`, measured on the cluster for `pipeline`'s consumer group: from the next
    /// snapshot on it is the pipeline's lag (overview, alerts) instead of what its instances report.
    public mutating func record(_ lag: GroupLag, for pipeline: String) {
        groupLags[pipeline] = lag
    }

    /// Keeps what is wrong with `topic` (nil: nothing), raised as an alert of `kind` on the
    /// topic from the next evaluation on.
    public mutating func recordWarning(_ warning: String?, topic: String, kind: TopicWarning.Kind) {
        topicWarnings[TopicWarning(topic: topic, kind: kind)] = warning
    }

    /// Counts a message from `source` that could not be decoded; `error` is kept as the last one seen.
    public mutating func recordMalformed(source: String, error: String, arrivalMs: Int64) {
        let i = self.source(source)
        sources[i].messages += 1
        sources[i].malformed += 1
        sources[i].lastError = error
        let atMs = basis == .arrival ? arrivalMs : (latestEventMs ?? 0)
        sources[i].malformedHistory.add(.errors, amount: 1, atMs: atMs)
        totalEvents += 1
        arrived(atMs: arrivalMs)
    }

    /// Counts a well-formed message of a type this version of pipetop does not know.
    public mutating func recordUnknownType(source: String) {
        let i = self.source(source)
        sources[i].messages += 1
        sources[i].unknownType += 1
        totalEvents += 1
    }

    private mutating func apply(model event: ModelEvent, source: String, arrivalMs: Int64) {
        // The timeline keeps the event with the texts the registry shares, not a copy of its own.
        let (outcome, e) = withPipeline(event.pipeline, arrivalMs: arrivalMs) { p -> (RegistryOutcome, ModelEvent) in
            p.lastArrivalMs = max(p.lastArrivalMs, arrivalMs)
            let shared = p.registry.sharingTexts(event)
            return (p.registry.apply(shared), shared)
        }
        switch outcome {
        case .duplicate: sources[self.source(source)].duplicates += 1
        case .outOfOrder: sources[self.source(source)].outOfOrder += 1
        default: break
        }
        timeline.append(TimelineEntry(.model(Self.slim(e)), pipeline: e.pipeline, tsMs: e.tsMs))
        guard case .applied = outcome else { return }
        versionChanged(pipeline: e.pipeline, key: VersionKey(model: e.model, version: e.version), event: e)
    }

    /// Whether `pipeline` has an instance other than `instance` that reported at or after
    /// arrival time `sinceMs`: its own metrics, which rates measured elsewhere must not double.
    public func hasOtherInstances(_ pipeline: String, than instance: String, sinceMs: Int64) -> Bool {
        guard let i = pipelines.position(of: pipeline) else { return false }
        return pipelines[i].instances.values.contains { $0.name != instance && $0.lastArrivalMs >= sinceMs }
    }

    /// Where the newest models message of a mapped pipeline's version was read, for
    /// re-publishing it.
    public mutating func noteOrigin(_ origin: MessageOrigin, pipeline: String, version: VersionKey, arrivalMs: Int64) {
        withPipeline(pipeline, arrivalMs: arrivalMs) { $0.registry.noteOrigin(origin, model: version.model, version: version.version) }
    }

    mutating func note(_ source: String, tsMs: Int64) {
        sources[self.source(source)].messages += 1
        totalEvents += 1
        if tsMs > latestEventMs ?? Int64.min { latestEventMs = tsMs }
    }

    /// The position of a source's counters, created on first sight.
    private mutating func source(_ name: String) -> Int {
        if let i = sources.find(name) { return i }
        let key = sources.count < Self.maxSources ? name : "(other)"
        return sources.find(key) ?? sources.append(key, SourceCounters(name: key))
    }

    /// The position of a pipeline, created on first sight (evicting the least recently heard one beyond the cap).
    mutating func pipeline(_ name: String, arrivalMs: Int64) -> Int {
        if let i = pipelines.find(name) { return i }
        if pipelines.count >= settings.limits.maxPipelines,
           let oldest = pipelines.values.indices.min(by: { pipelines[$0].lastArrivalMs < pipelines[$1].lastArrivalMs }) {
            removePipeline(at: oldest)
        }
        return pipelines.append(name, PipelineState(name: name, limits: settings.limits, arrivalMs: arrivalMs))
    }

    @discardableResult
    mutating func withPipeline<R>(_ name: String, arrivalMs: Int64, _ body: (inout PipelineState) -> R) -> R {
        let i = pipeline(name, arrivalMs: arrivalMs)
        return body(&pipelines[i])
    }

    private mutating func removePipeline(at i: Int) {
        for token in pipelines[i].trackerTokens.values { _ = slots.release(token) }
        pipelines.remove(at: i)
        evictions += 1
    }

    /// The timeline keeps the event without its payloads: inline artifacts and samples can be megabytes.
    static func slim(_ e: ModelEvent) -> ModelEvent {
        var e = e
        e.artifact?.data = nil
        e.reference = nil
        return e
    }

    /// Messages ingested (good and bad) so far.
    public var eventCount: UInt64 { totalEvents }
    /// Scored records ingested so far (shown or not).
    public var scoredCount: UInt64 { tail.total }

    /// Memory the store holds, by its own accounting (bytes).
    public var approximateBytes: Int {
        var bytes = 1024 + alerts.approximateBytes + timeline.count * 200 + labelJoin.approximateBytes
            + sources.count * (RateHistory(capacitySeconds: 60).approximateBytes + 128) + slots.approximateBytes
            + tail.approximateBytes
        for p in pipelines.values { bytes += p.approximateBytes }
        return bytes
    }
}
