/// Alerts on the data's clock: evaluated when store time enters a new second, on the ingest
/// path and, for a live store, on the wall clock's tick, so they are the same whoever reads
/// the store and however often (a paused display, any frame rate, `pipetop status`).
///
/// Store time is the newest event time for a replay (`StalenessBasis.eventTime`) and the
/// wall clock for a live source (`.arrival`), where it moves on while nothing arrives.
extension StoreState {
    /// How long a live store may hear nothing before it counts as quiet: rate windows of a
    /// pipeline quiet for longer move on with the wall clock, and the snapshot says since
    /// when nothing arrived.
    static let quietGraceMs: Int64 = 2_000

    /// After every message ingested at wall-clock `arrivalMs`: evaluates the alerts when store
    /// time entered a new second. One comparison otherwise, for the hot path.
    @inline(__always)
    mutating func arrived(atMs arrivalMs: Int64) {
        lastArrivalMs = arrivalMs
        let now = storeNow(arrivalMs: arrivalMs)
        if now >= nextEvaluationMs { evaluateAlerts(nowMs: now) }
    }

    /// Moves a live store's time on to wall-clock `nowMs` though nothing arrived, evaluating the
    /// alerts when it entered a new second; a replay's time moves only with its events.
    public mutating func tick(nowMs: Int64) {
        guard basis == .arrival, nowMs >= nextEvaluationMs else { return }
        evaluateAlerts(nowMs: nowMs)
    }

    /// The input ended (a recording read to its end): evaluates the alerts as of the store's
    /// time at `arrivalMs`, so the final state counts its last second too. Depends on the
    /// data alone, not on who reads the store.
    public mutating func settle(arrivalMs: Int64) {
        settle(storeNowMs: storeNow(arrivalMs: arrivalMs))
    }

    /// The input ended: evaluates the alerts as of store time `now` (a sharded store's, the
    /// newest of all its shards').
    public mutating func settle(storeNowMs now: Int64) {
        // Drift as of every record, not as of the last once-a-second computation (which
        // depends on where in the stream the seconds were seen).
        for p in pipelines.values {
            for token in p.trackerTokens.values { if let slot = slots.slot(token) { slots[slot]?.tracker.forgetDrift() } }
        }
        evaluateAlerts(nowMs: now)
    }

    /// Evaluates every rule as of store time `now` and keeps the result (and the book's history).
    mutating func evaluateAlerts(nowMs now: Int64) {
        nextEvaluationMs = (RateHistory.second(of: now) + 1) * 1_000
        let alertSettings = settings.alerts
        var current: [Alert] = []
        for i in pipelines.positionsByName() {
            let name = pipelines.names[i]
            let r = reading(ofPipelineAt: i, nowMs: now)
            current += AlertRules.evaluate(
                pipeline: name, throughput: r.throughput, latency: r.latency, lag: r.lag, groupLag: r.groupLag, stale: r.stale,
                silentForMs: r.silentForMs, settings: alertSettings, nowMs: now)
            current += AlertRules.drift(pipeline: name, models: r.models, versions: r.versions, nowMs: now)
        }
        for (warning, message) in topicWarnings {
            current.append(Alert(kind: warning.kind.alert, severity: warning.kind.severity, scope: warning.topic, message: message, sinceMs: now))
        }
        let endSecond = RateHistory.second(of: now)
        for s in sources.values {
            if let a = AlertRules.malformed(source: s, endSecond: endSecond + 1, settings: alertSettings, nowMs: now) {
                current.append(a)
            }
        }
        evaluatedAlerts = alerts.update(current, nowMs: now)
        accountedBytes = approximateBytes
    }

    /// Measures the pipeline at position `i` as of store time `now`. A live pipeline quiet for
    /// longer than the grace has its rate windows moved on by the wall clock; a replay's stay
    /// at its last report.
    mutating func reading(ofPipelineAt i: Int, nowMs now: Int64) -> PipelineReading {
        let versions = versionStats(ofPipelineAt: i)
        return pipelines[i].reading(nowMs: now, basis: basis, versions: versions, groupLag: groupLags[pipelines.names[i]],
                                    staleAfterMs: settings.alerts.staleAfterSeconds * 1000)
    }

    /// Wall-clock arrival of the newest message when a live store has heard nothing for longer
    /// than the grace at `arrivalMs`; nil while messages arrive, before the first, and for replays.
    func quietSinceMs(arrivalMs: Int64) -> Int64? {
        Self.quietSinceMs(basis: basis, lastArrivalMs: lastArrivalMs, arrivalMs: arrivalMs)
    }

    /// The same for a store whose newest message arrived at `lastArrivalMs`.
    static func quietSinceMs(basis: StalenessBasis, lastArrivalMs: Int64?, arrivalMs: Int64) -> Int64? {
        guard basis == .arrival, let last = lastArrivalMs, arrivalMs - last > quietGraceMs else { return nil }
        return last
    }
}
