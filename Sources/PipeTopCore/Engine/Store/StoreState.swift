/// The state engine proper: everything ingested, as a single-threaded value.
///
/// `PipelineStore` wraps it in a lock for ingestion threads and the UI; tests
/// and replays can drive it directly. Time comes in as parameters (event time
/// in the events, arrival time from the caller), so it never reads a clock.
public struct StoreState: Sendable {
    public let settings: EngineSettings
    public let basis: StalenessBasis
    var pipelines: [String: PipelineState] = [:]
    var sources: [String: SourceCounters] = [:]
    var timeline: Ring<TimelineEntry>
    var alerts = AlertBook()
    var latestEventMs: Int64?
    var totalEvents: UInt64 = 0
    var evictions: UInt64 = 0
    /// Live version trackers of all pipelines; see `StoreState+Versions`.
    var slots: VersionSlots
    var labelJoin: LabelJoin
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
            if !applied { sources[sourceKey(source)]?.outOfOrder += 1 }
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
    }

    /// Counts a message from `source` that could not be decoded; `error` is kept as the last one seen.
    public mutating func recordMalformed(source: String, error: String, arrivalMs: Int64) {
        let key = sourceKey(source)
        sources[key]?.messages += 1
        sources[key]?.malformed += 1
        sources[key]?.lastError = error
        let atMs = basis == .arrival ? arrivalMs : (latestEventMs ?? 0)
        sources[key]?.malformedHistory.add(.errors, amount: 1, atMs: atMs)
        totalEvents += 1
    }

    /// Counts a well-formed message of a type this version of pipetop does not know.
    public mutating func recordUnknownType(source: String) {
        let key = sourceKey(source)
        sources[key]?.messages += 1
        sources[key]?.unknownType += 1
        totalEvents += 1
    }

    private mutating func apply(model e: ModelEvent, source: String, arrivalMs: Int64) {
        let outcome = withPipeline(e.pipeline, arrivalMs: arrivalMs) { p -> RegistryOutcome in
            p.lastArrivalMs = max(p.lastArrivalMs, arrivalMs)
            return p.registry.apply(e)
        }
        switch outcome {
        case .duplicate: sources[sourceKey(source)]?.duplicates += 1
        case .outOfOrder: sources[sourceKey(source)]?.outOfOrder += 1
        default: break
        }
        timeline.append(TimelineEntry(.model(Self.slim(e)), pipeline: e.pipeline, tsMs: e.tsMs))
        guard case .applied = outcome else { return }
        versionChanged(pipeline: e.pipeline, key: VersionKey(model: e.model, version: e.version), event: e)
    }

    mutating func note(_ source: String, tsMs: Int64) {
        sources[sourceKey(source)]?.messages += 1
        totalEvents += 1
        if tsMs > latestEventMs ?? Int64.min { latestEventMs = tsMs }
    }

    private mutating func sourceKey(_ source: String) -> String {
        if sources[source] != nil { return source }
        let key = sources.count < Self.maxSources ? source : "(other)"
        if sources[key] == nil { sources[key] = SourceCounters(name: key) }
        return key
    }

    @discardableResult
    mutating func withPipeline<R>(_ name: String, arrivalMs: Int64, _ body: (inout PipelineState) -> R) -> R {
        if pipelines[name] == nil, pipelines.count >= settings.limits.maxPipelines,
           let oldest = pipelines.values.min(by: { $0.lastArrivalMs < $1.lastArrivalMs }) {
            removePipeline(oldest.name)
        }
        let limits = settings.limits
        return body(&pipelines[name, default: PipelineState(name: name, limits: limits, arrivalMs: arrivalMs)])
    }

    private mutating func removePipeline(_ name: String) {
        for token in pipelines[name]?.trackerTokens.values ?? [:].values { _ = slots.release(token) }
        pipelines[name] = nil
        evictions += 1
    }

    /// The timeline keeps the event without its payloads: inline artifacts and samples can be megabytes.
    static func slim(_ e: ModelEvent) -> ModelEvent {
        var e = e
        e.artifact?.data = nil
        e.reference = nil
        return e
    }

    /// Memory the store holds, by its own accounting (bytes).
    public var approximateBytes: Int {
        var bytes = 1024 + alerts.approximateBytes + timeline.count * 200 + labelJoin.approximateBytes
            + sources.count * (RateHistory(capacitySeconds: 60).approximateBytes + 128) + slots.approximateBytes
        for p in pipelines.values { bytes += p.approximateBytes }
        return bytes
    }
}
