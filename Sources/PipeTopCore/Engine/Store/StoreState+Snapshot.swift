/// Turning the store into an immutable picture.
extension StoreState {
    /// The store time `arrivalMs` stands for under the staleness basis.
    public func storeNow(arrivalMs: Int64) -> Int64 {
        basis == .arrival ? arrivalMs : (latestEventMs ?? 0)
    }

    /// An immutable picture of everything as of wall-clock `arrivalMs`, with the alerts as last
    /// evaluated: a live store first moves its time on to `arrivalMs` (`tick`), which evaluates
    /// them when a new second began, as the store's own tick would have. A shard of a sharded
    /// store is measured at the store's time, `storeNowMs`, rather than its own.
    public mutating func snapshot(arrivalMs: Int64, storeNowMs: Int64? = nil) -> StoreSnapshot {
        tick(nowMs: arrivalMs)
        let now = storeNowMs ?? storeNow(arrivalMs: arrivalMs)
        var views: [PipelineSnapshot] = []
        views.reserveCapacity(pipelines.count)
        // Grouped once: filtering every alert for every pipeline grows as their product.
        let alertsByPipeline = Dictionary(grouping: evaluatedAlerts, by: \.scope)
        for i in pipelines.positionsByName() {
            let name = pipelines.names[i]
            let r = reading(ofPipelineAt: i, nowMs: now)
            let mine = alertsByPipeline[name] ?? []
            let status: PipelineStatus = if mine.contains(where: { $0.kind == .stale }) { .stale } else {
                switch mine.map(\.severity).max() ?? .ok {
                case .ok: .ok
                case .warn: .warn
                case .critical: .critical
                }
            }
            views.append(pipelines[i].snapshot(r, status: status, alerts: mine))
        }
        return StoreSnapshot(
            takenAtMs: now, latestEventMs: latestEventMs, quietSinceMs: quietSinceMs(arrivalMs: arrivalMs), pipelines: views,
            sources: sources.values.sorted { $0.name < $1.name }, timeline: timeline.newest(timeline.count),
            alerts: evaluatedAlerts, alertHistory: alerts.history.newest(alerts.history.count), totalEvents: totalEvents,
            labelJoin: LabelJoinCounters(labelJoin), recentScored: tail.newest(tail.count),
            scoredTotal: tail.total, scoredSampling: tail.sampling, approximateBytes: accountedBytes, evictions: evictions)
    }

    /// Live and frozen stats of a pipeline's versions, ordered by model and version.
    mutating func versionStats(ofPipelineAt i: Int) -> [VersionStats] {
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
