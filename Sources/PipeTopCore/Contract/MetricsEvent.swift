/// Periodic counters from one pipeline instance (`type: metrics`).
///
/// Counters are monotonic per instance; rates come from their deltas. Latency
/// buckets are cumulative Prometheus-style counts: `latencyCounts[i]` counts
/// observations ≤ `latencyLeUs[i]`; one extra trailing count, if present, is the
/// `+Inf` bucket. `histograms`, when present, counts each serving version's scores and
/// features over its reference's bins since the instance's previous report.
public struct MetricsEvent: Sendable, Hashable {
    public var pipeline: String
    public var tsMs: Int64
    public var contractVersion: Int
    public var instance: String
    public var stage: String
    public var recordsIn: UInt64
    public var recordsOut: UInt64
    public var errors: UInt64
    public var lag: Int64?
    public var latencyLeUs: [Double]
    public var latencyCounts: [UInt64]
    public var serving: [ServingEntry]
    public var histograms: [VersionHistograms]

    public init(
        pipeline: String, tsMs: Int64, contractVersion: Int = 1, instance: String, stage: String = "",
        recordsIn: UInt64 = 0, recordsOut: UInt64 = 0, errors: UInt64 = 0, lag: Int64? = nil,
        latencyLeUs: [Double] = [], latencyCounts: [UInt64] = [], serving: [ServingEntry] = [],
        histograms: [VersionHistograms] = []
    ) {
        self.pipeline = pipeline
        self.tsMs = tsMs
        self.contractVersion = contractVersion
        self.instance = instance
        self.stage = stage
        self.recordsIn = recordsIn
        self.recordsOut = recordsOut
        self.errors = errors
        self.lag = lag
        self.latencyLeUs = latencyLeUs
        self.latencyCounts = latencyCounts
        self.serving = serving
        self.histograms = histograms
    }

    /// Kafka message key: `pipeline/instance`.
    public var messageKey: String { "\(pipeline)/\(instance)" }
}
