/// Everything the state engine is tuned by: drift, alert thresholds and memory caps.
/// `Config` maps the `[drift]` and `[alerts]` sections onto it; the defaults are those `Config/pipetop.toml` documents.
public struct EngineSettings: Sendable, Hashable {
    public var drift = DriftSettings()
    public var alerts = AlertSettings()
    public var limits = StoreLimits()

    public init(drift: DriftSettings = DriftSettings(), alerts: AlertSettings = AlertSettings(), limits: StoreLimits = StoreLimits()) {
        self.drift = drift
        self.alerts = alerts
        self.limits = limits
    }
}

/// How drift is measured and when it alerts (`[drift]`).
public struct DriftSettings: Sendable, Hashable {
    /// Equal-frequency bins taken from the reference.
    public var bins = 10
    /// Records forming the reference when the model event carries none.
    public var referenceWindow = 5_000
    /// Records in the sliding current window.
    public var currentWindow = 5_000
    public var psiWarn = 0.1
    public var psiCritical = 0.25
    /// KS p-value below which the distributions are called different.
    public var ksPValue = 0.01
    public var jsWarn = 0.1
    /// Below this many records in either window the numbers are shown as not yet meaningful.
    public var minMeaningful = 1_000

    public init() {}

    /// Records each window needs before its numbers count: `minMeaningful`, or the windows'
    /// own size when they are configured smaller (so they can ever become meaningful).
    public var meaningfulCount: Int { min(minMeaningful, referenceWindow, currentWindow) }
}

/// When a pipeline is flagged (`[alerts]`).
public struct AlertSettings: Sendable, Hashable {
    /// Fraction by which the 10 s input rate may fall below the 60 s rate before alerting.
    public var throughputDrop = 0.5
    /// Errors per record in above which the pipeline alerts.
    public var errorRate = 0.01
    /// p99 latency objective, milliseconds.
    public var latencySLOMs = 250.0
    /// Consumer lag above which the pipeline alerts.
    public var lagMax: Int64 = 100_000
    /// Seconds without metrics after which a pipeline is stale.
    public var staleAfterSeconds = 30.0
    /// How long a consumer group may stay behind on a partition without committing past
    /// where it stands before it counts as stalled: a critical alert on a pipeline whose
    /// group it is (`lag_groups`), and `stalled` on the Topics screen. Above the consumers'
    /// commit interval (librdkafka 5 s, Kafka Streams 30 s, Flink: the checkpoint interval).
    public var groupStalledAfterMs: Int64 = 60_000
    /// Malformed messages per second above which a source alerts.
    public var malformedRate = 1.0

    public init() {}
}

/// Caps that keep the store's memory bounded whatever the input.
public struct StoreLimits: Sendable, Hashable {
    public var maxPipelines = 2_048
    public var maxInstancesPerPipeline = 256
    public var maxModelsPerPipeline = 32
    public var maxVersionsPerModel = 200
    public var maxTransitionsPerVersion = 32
    /// Versions, over all pipelines, that keep live windows (drift, latency, quality);
    /// beyond it the least recently scored version keeps only its final numbers, and a version
    /// that wants windows while every followed one scored within `trackerTenureMs` waits
    /// (`PipelineSnapshot.waitingForWindows`). `[drift] max_tracked_versions`.
    public var maxTrackedVersions = 64
    /// Drift windows (the score or one feature of one version) over all pipelines: each holds
    /// `referenceWindow + currentWindow` values, about 90 KB with the defaults. `[drift] max_windows`.
    public var maxDriftWindows = 256
    /// What the configuration may set them to: the store's slots are named by 12 bits, and
    /// 16,384 windows of the default size are about 1.5 GB.
    public static let trackedVersionsRange = 1...4_096
    public static let driftWindowsRange = 1...16_384
    public var maxFeaturesPerVersion = 32
    /// Scored records kept for joining labels by key.
    public var labelJoinKeys = 100_000
    /// Age beyond which a scored record can no longer be joined to a label, ms.
    public var labelJoinMaxAgeMs: Int64 = 600_000
    /// Labelled records per version in the rolling quality window.
    public var qualityWindow = 5_000
    /// Timeline entries (model events, commands, acks) kept for the Events screen.
    public var timelineEntries = 2_000
    /// Latest scored records kept for the Tail screen.
    public var tailRecords = 1_000
    /// Seconds of per-second rate history kept per pipeline (charts up to 15 min).
    public var historySeconds = 900

    public init() {}
}
