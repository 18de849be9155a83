/// What the store measures of one pipeline at one store time: the alert rules' input and
/// the numbers a snapshot shows, computed once for both.
struct PipelineReading {
    var throughput: Throughput
    /// The second up to which the rate history is complete (exclusive).
    var historyEndSecond: Int64
    var latency: LatencyPercentiles?
    var lag: Int64?
    var groupLag: GroupLag?
    /// By name.
    var instances: [InstanceSnapshot]
    var models: [ModelSnapshot]
    var versions: [VersionStats]
    var waitingForWindows: [VersionKey]
    /// Store time since the pipeline was last heard of, ms.
    var silentForMs: Int64
    var stale: Bool
}
