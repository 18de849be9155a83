/// The last counters one instance reported, turning each new report into deltas.
///
/// Counters are monotonic per instance; a counter that goes down means the
/// instance restarted, so the new value itself is the delta since the restart.
public struct InstanceCounters: Sendable, Hashable {
    public private(set) var tsMs: Int64
    public private(set) var recordsIn: UInt64
    public private(set) var recordsOut: UInt64
    public private(set) var errors: UInt64
    public private(set) var resets = 0

    /// Deltas since the previous report, and whether a restart was detected.
    public struct Delta: Sendable, Hashable {
        public var recordsIn: UInt64
        public var recordsOut: UInt64
        public var errors: UInt64
        public var fromMs: Int64
        public var reset: Bool
    }

    public init(first: MetricsEvent) {
        tsMs = first.tsMs
        recordsIn = first.recordsIn
        recordsOut = first.recordsOut
        errors = first.errors
    }

    /// Applies a newer report; returns nil for a report not newer than the last one
    /// (a duplicate or out-of-order message, which must not count twice).
    public mutating func advance(to e: MetricsEvent) -> Delta? {
        guard e.tsMs > tsMs else { return nil }
        let reset = e.recordsIn < recordsIn || e.recordsOut < recordsOut || e.errors < errors
        let delta = Delta(
            recordsIn: reset ? e.recordsIn : e.recordsIn - recordsIn,
            recordsOut: reset ? e.recordsOut : e.recordsOut - recordsOut,
            errors: reset ? e.errors : e.errors - errors,
            fromMs: tsMs,
            reset: reset
        )
        if reset { resets += 1 }
        tsMs = e.tsMs
        recordsIn = e.recordsIn
        recordsOut = e.recordsOut
        errors = e.errors
        return delta
    }
}
