/// What the store knows about one instance of a pipeline.
struct InstanceState: Sendable {
    var name: String
    var stage: String
    var counters: InstanceCounters
    var lag: Int64?
    var serving: [ServingEntry]
    var latencyCumulative: [UInt64]
    var lastArrivalMs: Int64
    /// Rates of this instance alone, from its last delta.
    var lastInRate = 0.0
    var lastErrorRate = 0.0

    init(first e: MetricsEvent, arrivalMs: Int64) {
        name = e.instance
        stage = e.stage
        counters = InstanceCounters(first: e)
        lag = e.lag
        serving = e.serving
        latencyCumulative = e.latencyCounts
        lastArrivalMs = arrivalMs
    }

    var snapshot: InstanceSnapshot {
        InstanceSnapshot(
            name: name, stage: stage, recordsIn: counters.recordsIn, recordsOut: counters.recordsOut,
            errors: counters.errors, inRate: lastInRate, errorRate: lastErrorRate, lag: lag, serving: serving,
            lastSeenMs: counters.tsMs, lastArrivalMs: lastArrivalMs, resets: counters.resets)
    }
}
