/// The state engine proper: everything ingested, as a single-threaded value.
///
/// `PipelineStore` wraps it in a lock for ingestion threads and the UI; tests
/// and replays can drive it directly. Time comes in as parameters (event time
/// in the events, arrival time from the caller), so it never reads a clock.
public struct StoreState: Sendable {
    public let settings: EngineSettings
    public let basis: StalenessBasis
    private var pipelines: [String: PipelineState] = [:]
    private var sources: [String: SourceCounters] = [:]
    private var timeline: Ring<TimelineEntry>
    private var alerts = AlertBook()
    private var latestEventMs: Int64?
    private var totalEvents: UInt64 = 0
    private var evictions: UInt64 = 0

    /// Sources beyond this many are merged into one, so a stream of made-up source names stays bounded.
    static let maxSources = 64

    public init(settings: EngineSettings = EngineSettings(), basis: StalenessBasis = .arrival) {
        self.settings = settings
        self.basis = basis
        timeline = Ring(capacity: settings.limits.timelineEntries)
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
            if applied == false { sources[sourceKey(source)]?.outOfOrder += 1 }
        case .model(let e):
            note(source, tsMs: e.tsMs)
            withPipeline(e.pipeline, arrivalMs: arrivalMs) { $0.lastArrivalMs = max($0.lastArrivalMs, arrivalMs) }
            timeline.append(TimelineEntry(.model(Self.slim(e)), pipeline: e.pipeline, tsMs: e.tsMs))
        case .label(let e):
            note(source, tsMs: e.tsMs)
        case .control(let e):
            note(source, tsMs: e.tsMs)
            timeline.append(TimelineEntry(.control(e), pipeline: e.pipeline, tsMs: e.tsMs))
        case .ack(let e):
            note(source, tsMs: e.tsMs)
            timeline.append(TimelineEntry(.ack(e), pipeline: e.pipeline, tsMs: e.tsMs))
        }
    }

    /// The hot path: ingests a scored record without copying it.
    public mutating func ingest(scored e: borrowing ScoredEvent, source: String, arrivalMs: Int64) {
        note(source, tsMs: e.tsMs)
        let limits = settings.limits
        withPipeline(e.pipeline, arrivalMs: arrivalMs) { $0.apply(e, arrivalMs: arrivalMs, limits: limits) }
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

    private mutating func note(_ source: String, tsMs: Int64) {
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
    private mutating func withPipeline<R>(_ name: String, arrivalMs: Int64, _ body: (inout PipelineState) -> R) -> R {
        if pipelines[name] == nil {
            if pipelines.count >= settings.limits.maxPipelines,
               let oldest = pipelines.values.min(by: { $0.lastArrivalMs < $1.lastArrivalMs }) {
                pipelines[oldest.name] = nil
                evictions += 1
            }
        }
        let limits = settings.limits
        return body(&pipelines[name, default: PipelineState(name: name, limits: limits, arrivalMs: arrivalMs)])
    }

    /// The timeline keeps the event without its payloads: inline artifacts and samples can be megabytes.
    static func slim(_ e: ModelEvent) -> ModelEvent {
        var e = e
        e.artifact?.data = nil
        e.reference = nil
        return e
    }

    // MARK: snapshot

    /// The store time `nowArrivalMs` stands for under the staleness basis.
    public func storeNow(arrivalMs: Int64) -> Int64 {
        basis == .arrival ? arrivalMs : (latestEventMs ?? 0)
    }

    /// Memory the store holds, by its own accounting (bytes).
    public var approximateBytes: Int {
        var bytes = 1024 + alerts.approximateBytes + timeline.count * 200 + sources.count * (RateHistory(capacitySeconds: 60).approximateBytes + 128)
        for p in pipelines.values { bytes += p.approximateBytes }
        return bytes
    }

    /// Evaluates alerts and returns an immutable picture of everything, as of wall-clock `arrivalMs`.
    public mutating func snapshot(arrivalMs: Int64) -> StoreSnapshot {
        let now = storeNow(arrivalMs: arrivalMs)
        let alertSettings = settings.alerts
        var current: [Alert] = []
        var pipelineViews: [PipelineSnapshot] = []
        for p in pipelines.values.sorted(by: { $0.name < $1.name }) {
            let throughput = p.throughput()
            let metricsEnd = RateHistory.second(of: p.lastMetricsMs ?? 0)
            let latency = p.latency.percentiles(endingAt: metricsEnd)
            let lastSeen = basis == .arrival ? p.lastArrivalMs : (p.lastMetricsMs ?? p.lastScoredMs ?? now)
            let silentFor = now - lastSeen
            let stale = Double(silentFor) > alertSettings.staleAfterSeconds * 1000
            current += AlertRules.evaluate(
                pipeline: p.name, throughput: throughput, latency: latency, lag: p.lag, stale: stale,
                silentForMs: silentFor, settings: alertSettings, nowMs: now)
            pipelineViews.append(PipelineSnapshot(
                name: p.name, status: stale ? .stale : .ok, throughput: throughput, history: p.history,
                historyEndSecond: metricsEnd, latency: latency, lag: p.lag,
                instances: p.instances.values.map(\.snapshot).sorted { $0.name < $1.name },
                versions: p.versionStats, alerts: [], lastMetricsMs: p.lastMetricsMs, lastArrivalMs: p.lastArrivalMs,
                outOfOrder: p.outOfOrder, latencyLayoutMismatches: p.latency.layoutMismatches,
                instanceResets: p.instanceResets))
        }
        let endSecond = RateHistory.second(of: now)
        for s in sources.values {
            if let a = AlertRules.malformed(source: s, endSecond: endSecond + 1, settings: alertSettings, nowMs: now) {
                current.append(a)
            }
        }
        let active = alerts.update(current, nowMs: now)
        for i in pipelineViews.indices {
            let mine = active.filter { $0.scope == pipelineViews[i].name }
            pipelineViews[i].alerts = mine
            if pipelineViews[i].status != .stale {
                switch mine.map(\.severity).max() ?? .ok {
                case .ok: pipelineViews[i].status = .ok
                case .warn: pipelineViews[i].status = .warn
                case .critical: pipelineViews[i].status = .critical
                }
            }
        }
        return StoreSnapshot(
            takenAtMs: now, latestEventMs: latestEventMs, pipelines: pipelineViews,
            sources: sources.values.sorted { $0.name < $1.name }, timeline: timeline.newest(timeline.count),
            alerts: active, alertHistory: alerts.history.newest(alerts.history.count), totalEvents: totalEvents,
            approximateBytes: approximateBytes, evictions: evictions)
    }
}
