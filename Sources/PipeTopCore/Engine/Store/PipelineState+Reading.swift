/// Measuring one pipeline at a store time, for the alert rules and for snapshots. What does not
/// change between two readings (the registry's picture, the instances, the latency of a
/// minute) is kept until it does: a fleet is read thirty times a second.
extension PipelineState {
    /// The pipeline as of store time `now`. A live pipeline (`basis` arrival) quiet for longer
    /// than the grace has its rate windows moved on by the wall clock; a replay's stay at its
    /// last report. `versions` are its trackers' stats; `groupLag`, its consumer group's lag
    /// measured on the cluster, beats what the instances report.
    mutating func reading(nowMs now: Int64, basis: StalenessBasis, versions: [VersionStats], groupLag: GroupLag?,
                          staleAfterMs: Double) -> PipelineReading {
        let lastSeen = basis == .arrival ? lastArrivalMs : (lastMetricsMs ?? lastScoredMs ?? now)
        let silentFor = now - lastSeen
        let idle = basis == .arrival ? idleMs(silentForMs: silentFor) : 0
        let end = metricsEndSecond(idleMs: idle)
        let models = self.models ?? registry.snapshot()
        self.models = models
        let instances = instanceList()
        return PipelineReading(
            throughput: throughput(idleMs: idle), historyEndSecond: end,
            // Without latency buckets in metrics (a mapped pipeline's scored records carry their
            // own `latency_us`), the serving versions' record latencies stand for the pipeline's.
            latency: latency(endingAt: end) ?? Self.servingLatency(models, versions),
            lag: groupLag?.total ?? instances.lag, groupLag: groupLag, instances: instances.list, models: models,
            versions: versions, waitingForWindows: waiting(nowMs: now), silentForMs: silentFor, stale: Double(silentFor) > staleAfterMs)
    }

    /// The pipeline as a snapshot shows it, from a reading and its alerts.
    func snapshot(_ r: PipelineReading, status: PipelineStatus, alerts: [Alert]) -> PipelineSnapshot {
        PipelineSnapshot(
            name: name, status: status, throughput: r.throughput, history: history,
            historyEndSecond: r.historyEndSecond, latency: r.latency,
            latencyWindow: latency, lag: r.lag, groupLag: r.groupLag, instances: r.instances,
            models: r.models, versions: r.versions, alerts: alerts, lastMetricsMs: lastMetricsMs,
            lastArrivalMs: lastArrivalMs, outOfOrder: outOfOrder,
            latencyLayoutMismatches: latency.layoutMismatches, instanceResets: instanceResets,
            registryCounters: registry.counters, summaryRejections: summaryRejections,
            lastSummaryRejection: lastSummaryRejection, waitingForWindows: r.waitingForWindows, lastScoredMs: lastScoredMs)
    }

    /// The versions that wanted live windows recently (see `PipelineSnapshot.waitingForWindows`).
    private func waiting(nowMs now: Int64) -> [VersionKey] {
        waitingForWindows.isEmpty ? [] : waitingForWindows.filter { now - $0.value <= StoreState.waitingShownMs }.keys.sorted()
    }

    /// The instances by name and the sum of the lag they report (nil when none does).
    private mutating func instanceList() -> (list: [InstanceSnapshot], lag: Int64?) {
        if let kept = instanceViews { return kept }
        let list = instances.values.map(\.snapshot).sorted { $0.name < $1.name }
        let lags = list.compactMap(\.lag)
        // Added without wrapping: a hostile or broken report saturates at the ends of Int64.
        let total = lags.reduce(Int64(0)) { sum, lag in
            let (v, overflow) = sum.addingReportingOverflow(lag)
            return overflow ? (lag > 0 ? .max : .min) : v
        }
        let views = (list: list, lag: lags.isEmpty ? nil : total)
        instanceViews = views
        return views
    }

    /// Latency percentiles over the minute ending at `endSecond`.
    private mutating func latency(endingAt endSecond: Int64) -> LatencyPercentiles? {
        if let kept = latencyPercentiles, kept.endSecond == endSecond { return kept.value }
        let value = latency.percentiles(endingAt: endSecond)
        latencyPercentiles = (endSecond, value)
        return value
    }

    /// The latency of the serving versions' scored records: the primary's where one model
    /// serves, the slowest primary's p99 where several do.
    static func servingLatency(_ models: [ModelSnapshot], _ versions: [VersionStats]) -> LatencyPercentiles? {
        models.compactMap { m in m.primary.flatMap { v in versions.first { $0.key == VersionKey(model: m.name, version: v) }?.latency } }
            .max { $0.p99 < $1.p99 }
    }
}
