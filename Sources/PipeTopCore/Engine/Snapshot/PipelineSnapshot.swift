/// One pipeline as of a snapshot: what the screens show.
public struct PipelineSnapshot: Sendable {
    public var name: String
    public var status: PipelineStatus
    public var throughput: Throughput
    /// Per-second history of the rates; query with `series(_:count:endingBefore:)` at `historyEndSecond`.
    public var history: RateHistory
    /// The second up to which `history` is complete (exclusive).
    public var historyEndSecond: Int64
    /// Merged from the instances' latency buckets, over the last 60 s.
    public var latency: LatencyPercentiles?
    /// The merged latency buckets per second, kept for the chart: a copy that shares storage,
    /// so a snapshot of a thousand pipelines does not work out sixty percentiles for each.
    var latencyWindow: BucketLatencyWindow
    /// p99 latency (µs) of each of the last 60 seconds, oldest first, for the latency chart.
    public var latencyP99History: [Double] { latencyWindow.p99Series(endingAt: historyEndSecond, count: 60) }
    /// The lag of the pipeline's consumer group when `[kafka] lag_groups` names one and it was
    /// measured, else the sum of the lag the instances report.
    public var lag: Int64?
    /// The consumer group's lag per partition, when measured (`[kafka] lag_groups`).
    public var groupLag: GroupLag? = nil
    public var instances: [InstanceSnapshot]
    /// The model registry: every model with its versions and their lifecycle.
    public var models: [ModelSnapshot]
    /// Measurements from scored records, per version (live and final).
    public var versions: [VersionStats]
    public var alerts: [Alert]
    public var lastMetricsMs: Int64?
    public var lastArrivalMs: Int64
    /// Metrics reports older than the instance's last one, and latency reports with another bucket layout.
    public var outOfOrder: UInt64
    public var latencyLayoutMismatches: Int
    public var instanceResets: Int
    public var registryCounters: RegistryCounters
    /// Histograms of `metrics` events that could not feed drift (no shipped reference, counts
    /// that do not fit its bins), and the last reason.
    public var summaryRejections: UInt64 = 0
    public var lastSummaryRejection: String?
    /// Versions whose scored records found no live windows in the last
    /// `StoreState.waitingShownMs` of store time: more versions score at once than the store
    /// follows (`StoreLimits.maxTrackedVersions`, `maxDriftWindows`), so these have no drift,
    /// latency or quality until a followed one falls quiet. By model and version.
    public var waitingForWindows: [VersionKey] = []
    /// Event time of the newest scored record read, if any was.
    public var lastScoredMs: Int64? = nil

    /// The stats of one version, if any scored record of it was seen.
    public func stats(for key: VersionKey) -> VersionStats? {
        versions.first { $0.key == key }
    }
}
