/// Turning the store into an immutable picture, with alerts evaluated.
extension StoreState {
    /// The store time `arrivalMs` stands for under the staleness basis.
    public func storeNow(arrivalMs: Int64) -> Int64 {
        basis == .arrival ? arrivalMs : (latestEventMs ?? 0)
    }

    /// The latency of the serving versions' scored records: the primary's where one model
    /// serves, the slowest primary's p99 where several do.
    static func servingLatency(_ models: [ModelSnapshot], _ versions: [VersionStats]) -> LatencyPercentiles? {
        models.compactMap { m in m.primary.flatMap { v in versions.first { $0.key == VersionKey(model: m.name, version: v) }?.latency } }
            .max { $0.p99 < $1.p99 }
    }

    /// Evaluates alerts and returns an immutable picture of everything, as of wall-clock `arrivalMs`.
    public mutating func snapshot(arrivalMs: Int64) -> StoreSnapshot {
        let now = storeNow(arrivalMs: arrivalMs)
        let alertSettings = settings.alerts
        var current: [Alert] = []
        var views: [PipelineSnapshot] = []
        for name in pipelines.names.sorted() {
            guard let i = pipelines.position(of: name) else { continue }
            let p = pipelines[i]
            let throughput = p.throughput()
            let metricsEnd = RateHistory.second(of: p.lastMetricsMs ?? 0)
            let models = p.registry.snapshot()
            let versions = versionStats(ofPipelineAt: i)
            // Without latency buckets in metrics (a mapped pipeline's scored records carry their
            // own `latency_us`), the serving versions' record latencies stand for the pipeline's.
            let latency = p.latency.percentiles(endingAt: metricsEnd) ?? Self.servingLatency(models, versions)
            let lastSeen = basis == .arrival ? p.lastArrivalMs : (p.lastMetricsMs ?? p.lastScoredMs ?? now)
            let silentFor = now - lastSeen
            let stale = Double(silentFor) > alertSettings.staleAfterSeconds * 1000
            // A consumer group's lag measured on the cluster beats what the instances report.
            let groupLag = groupLags[name]
            let lag = groupLag?.total ?? p.lag
            current += AlertRules.evaluate(
                pipeline: name, throughput: throughput, latency: latency, lag: lag, stale: stale,
                silentForMs: silentFor, settings: alertSettings, nowMs: now)
            current += AlertRules.drift(pipeline: name, models: models, versions: versions, nowMs: now)
            views.append(PipelineSnapshot(
                name: name, status: stale ? .stale : .ok, throughput: throughput, history: p.history,
                historyEndSecond: metricsEnd, latency: latency,
                latencyP99History: p.latency.p99Series(endingAt: metricsEnd, count: 60), lag: lag, groupLag: groupLag,
                instances: p.instances.values.map(\.snapshot).sorted { $0.name < $1.name },
                models: models, versions: versions, alerts: [], lastMetricsMs: p.lastMetricsMs,
                lastArrivalMs: p.lastArrivalMs, outOfOrder: p.outOfOrder,
                latencyLayoutMismatches: p.latency.layoutMismatches, instanceResets: p.instanceResets,
                registryCounters: p.registry.counters))
        }
        let endSecond = RateHistory.second(of: now)
        for s in sources.values {
            if let a = AlertRules.malformed(source: s, endSecond: endSecond + 1, settings: alertSettings, nowMs: now) {
                current.append(a)
            }
        }
        let active = alerts.update(current, nowMs: now)
        for i in views.indices {
            let mine = active.filter { $0.scope == views[i].name }
            views[i].alerts = mine
            if views[i].status != .stale {
                switch mine.map(\.severity).max() ?? .ok {
                case .ok: views[i].status = .ok
                case .warn: views[i].status = .warn
                case .critical: views[i].status = .critical
                }
            }
        }
        return StoreSnapshot(
            takenAtMs: now, latestEventMs: latestEventMs, pipelines: views,
            sources: sources.values.sorted { $0.name < $1.name }, timeline: timeline.newest(timeline.count),
            alerts: active, alertHistory: alerts.history.newest(alerts.history.count), totalEvents: totalEvents,
            labelJoin: LabelJoinCounters(labelJoin), recentScored: tail.newest(tail.count),
            scoredTotal: tail.total, scoredSampling: tail.sampling, approximateBytes: approximateBytes, evictions: evictions)
    }

    /// Live and frozen stats of a pipeline's versions, ordered by model and version.
    private mutating func versionStats(ofPipelineAt i: Int) -> [VersionStats] {
        var out = Array(pipelines[i].frozen.values)
        for (key, token) in pipelines[i].trackerTokens {
            guard let slot = slots.slot(token), let stats = slots[slot]?.tracker.stats(live: true) else {
                pipelines[i].trackerTokens[key] = nil
                continue
            }
            out.append(stats)
        }
        return out.sorted { $0.key < $1.key }
    }
}
