/// Everything the store keeps about one pipeline, except the live version trackers,
/// which the store keeps in slots shared by all pipelines (so one budget bounds them).
struct PipelineState: Sendable {
    let name: String
    var instances: [String: InstanceState] = [:] { didSet { instanceViews = nil } }
    var history: RateHistory
    var latency = BucketLatencyWindow(windowSeconds: 60) { didSet { latencyPercentiles = nil } }
    var registry: ModelRegistry { didSet { models = nil } }
    /// `registry.snapshot()` until the registry changes (any mutation clears it): a fleet's
    /// snapshot would otherwise rebuild every version of every pipeline on every frame.
    var models: [ModelSnapshot]?
    /// The instances as a snapshot lists them and the lag they sum to, until one changes.
    var instanceViews: (list: [InstanceSnapshot], lag: Int64?)?
    /// The latency percentiles of the minute ending at a second, until the window changes.
    var latencyPercentiles: (endSecond: Int64, value: LatencyPercentiles?)?
    var lastMetricsMs: Int64?
    var lastScoredMs: Int64?
    /// Where the first counted interval of metrics began, and the first scored record: rates
    /// over a window longer than what has been seen are over what has been seen (a pipeline
    /// watched for 3 s at 300/s shows 300/s, not 90).
    var firstCountedMs: Int64?
    var firstScoredMs: Int64?
    var lastArrivalMs: Int64
    /// Event time between an instance's last two reports: how long a live pipeline may be
    /// quiet before its rate windows move on (see `idleMs`).
    var reportIntervalMs: Int64 = 1_000
    var outOfOrder: UInt64 = 0
    /// Event time of the last shadow record (saturating arithmetic: starts far in the past).
    var lastShadowMs = Int64.min / 2
    var instanceResets = 0
    /// Live trackers of this pipeline's versions: slot tokens in the store.
    var trackerTokens: [VersionKey: Int32] = [:]
    /// The last two versions scored (typically the primary and a shadow) and their tokens,
    /// checked before hashing into `trackerTokens`.
    var recentTrackers: [(model: String, version: Int, token: Int32)] = []
    /// Histograms (`metrics.histograms`) that could not feed drift, and the last reason.
    var summaryRejections: UInt64 = 0
    var lastSummaryRejection: String?
    /// Final numbers of versions whose live windows were dropped, bounded like the registry.
    var frozen: [VersionKey: VersionStats] = [:]
    /// Versions whose records found no live windows, and the store time of the last such
    /// record; at most `maxWaitingKept`, a version leaving when it gets windows.
    var waitingForWindows: [VersionKey: Int64] = [:]
    static let maxWaitingKept = 16

    init(name: String, limits: StoreLimits, arrivalMs: Int64) {
        self.name = name
        history = RateHistory(capacitySeconds: limits.historySeconds)
        registry = ModelRegistry(limits: limits)
        lastArrivalMs = arrivalMs
    }

    var approximateBytes: Int {
        var bytes = 256 + history.approximateBytes + latency.approximateBytes + registry.approximateBytes
        for i in instances.values { bytes += 160 + i.serving.count * 40 + i.latencyCumulative.count * 8 }
        bytes += trackerTokens.count * 40 + waitingForWindows.count * 48
        for f in frozen.values { bytes += 16 + f.approximateBytes }
        return bytes
    }

    /// A record of `key` found no live windows at store time `atMs`; a finished version's
    /// (history, a backlog read at start) is not waiting for anything.
    mutating func noteWaiting(_ key: VersionKey, atMs: Int64) {
        guard registry.state(model: key.model, version: key.version)?.isFinished != true else { return }
        if waitingForWindows[key] == nil, waitingForWindows.count >= Self.maxWaitingKept,
           let oldest = waitingForWindows.min(by: { $0.value < $1.value })?.key {
            waitingForWindows[oldest] = nil
        }
        waitingForWindows[key] = atMs
    }

    /// After a lifecycle step of `model`: its versions that finished wait for nothing any more.
    mutating func forgetFinishedWaiting(model: String) {
        for key in waitingForWindows.keys where key.model == model {
            if registry.state(model: key.model, version: key.version)?.isFinished == true { waitingForWindows[key] = nil }
        }
    }

    /// Applies one metrics report; returns false when it was a duplicate or out of order.
    mutating func apply(_ e: MetricsEvent, arrivalMs: Int64, limits: StoreLimits) -> Bool {
        lastArrivalMs = max(lastArrivalMs, arrivalMs)
        guard var instance = instances[e.instance] else {
            if instances.count >= limits.maxInstancesPerPipeline,
               let oldest = instances.values.min(by: { $0.lastArrivalMs < $1.lastArrivalMs }) {
                instances[oldest.name] = nil
            }
            instances[e.instance] = InstanceState(first: e, arrivalMs: arrivalMs)
            registry.observeServing(instance: e.instance, entries: e.serving, tsMs: e.tsMs)
            lastMetricsMs = max(lastMetricsMs ?? e.tsMs, e.tsMs)
            return true
        }
        guard let delta = instance.counters.advance(to: e) else {
            outOfOrder += 1
            return false
        }
        firstCountedMs = min(firstCountedMs ?? delta.fromMs, delta.fromMs)
        history.add(.recordsIn, amount: Double(delta.recordsIn), fromMs: delta.fromMs, toMs: e.tsMs)
        history.add(.recordsOut, amount: Double(delta.recordsOut), fromMs: delta.fromMs, toMs: e.tsMs)
        history.add(.errors, amount: Double(delta.errors), fromMs: delta.fromMs, toMs: e.tsMs)
        reportIntervalMs = e.tsMs - delta.fromMs
        let seconds = Double(reportIntervalMs) / 1000
        instance.lastInRate = Double(delta.recordsIn) / seconds
        instance.lastErrorRate = Double(delta.errors) / seconds
        if delta.reset { instanceResets += 1 }
        if !e.latencyCounts.isEmpty {
            let increase = BucketLatencyWindow.increase(from: instance.latencyCumulative, to: e.latencyCounts)
            latency.add(le: e.latencyLeUs, cumulativeIncrease: increase, atMs: e.tsMs)
        }
        instance.stage = e.stage
        instance.lag = e.lag
        instance.serving = e.serving
        instance.latencyCumulative = e.latencyCounts
        instance.lastArrivalMs = arrivalMs
        instances[e.instance] = instance
        registry.observeServing(instance: e.instance, entries: e.serving, tsMs: e.tsMs)
        lastMetricsMs = max(lastMetricsMs ?? e.tsMs, e.tsMs)
        return true
    }

    /// Counts a scored record in the pipeline's own series.
    mutating func noteScored(atMs tsMs: Int64, arrivalMs: Int64) {
        lastArrivalMs = max(lastArrivalMs, arrivalMs)
        history.add(.scored, amount: 1, atMs: tsMs)
        firstScoredMs = min(firstScoredMs ?? tsMs, tsMs)
        if tsMs > lastScoredMs ?? Int64.min { lastScoredMs = tsMs }
    }

    /// Counts a histogram that could not feed drift.
    mutating func rejectSummary(_ reason: String) {
        summaryRejections += 1
        lastSummaryRejection = reason
    }

    /// Keeps the final numbers of a version whose live windows go away.
    mutating func freeze(_ stats: VersionStats, limits: StoreLimits) {
        trackerTokens[stats.key] = nil
        frozen[stats.key] = stats.finalNumbers
        if frozen.count > limits.maxVersionsPerModel,
           let oldest = frozen.values.min(by: { $0.lastScoredMs < $1.lastScoredMs }) {
            frozen[oldest.key] = nil
        }
    }

    /// How far a live pipeline's windows have moved on past its last report, after
    /// `silentForMs` of wall-clock silence: the silence beyond a grace of
    /// `StoreState.quietGraceMs` or twice the reporting interval, whichever is longer (so a
    /// report that is merely due does not dip the rates).
    func idleMs(silentForMs: Int64) -> Int64 {
        max(0, silentForMs - max(StoreState.quietGraceMs, 2 * reportIntervalMs))
    }

    /// The second up to which the metrics series are complete (exclusive), `idleMs` past the last report.
    func metricsEndSecond(idleMs: Int64) -> Int64 {
        RateHistory.second(of: (lastMetricsMs ?? 0) + idleMs)
    }

    /// Rates over 1, 10 and 60 s ending at the last report, or `idleMs` after it for a live
    /// pipeline gone quiet (nothing arrives in the seconds it moved over, so rates fall).
    func throughput(idleMs: Int64) -> Throughput {
        let metricsEnd = metricsEndSecond(idleMs: idleMs)
        let scoredEnd = RateHistory.second(of: (lastScoredMs ?? 0) + idleMs)
        func windows(_ s: RateSeries, _ end: Int64, since: Int64?) -> Throughput.Windows {
            // What has been seen of the window, to the millisecond (the first second is partly seen).
            let seen = since.map { Double(end * 1_000 - $0) / 1_000 } ?? .infinity
            func over(_ seconds: Int) -> Double {
                guard seen < Double(seconds) else { return history.rate(s, overSeconds: seconds, endingBefore: end) }
                let n = max(1, Int(seen.rounded(.up)))
                return history.rate(s, overSeconds: n, endingBefore: end) * Double(n) / max(1, seen)
            }
            return Throughput.Windows(s1: history.rate(s, overSeconds: 1, endingBefore: end), s10: over(10), s60: over(60))
        }
        return Throughput(
            recordsIn: windows(.recordsIn, metricsEnd, since: firstCountedMs), recordsOut: windows(.recordsOut, metricsEnd, since: firstCountedMs),
            errors: windows(.errors, metricsEnd, since: firstCountedMs), scored: windows(.scored, scoredEnd, since: firstScoredMs))
    }
}
