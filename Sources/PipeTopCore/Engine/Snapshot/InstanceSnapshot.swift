/// One instance of a pipeline as of a snapshot.
public struct InstanceSnapshot: Sendable, Hashable {
    public var name: String
    public var stage: String
    public var recordsIn: UInt64
    public var recordsOut: UInt64
    public var errors: UInt64
    /// Input records/s between its last two reports.
    public var inRate: Double
    public var errorRate: Double
    public var lag: Int64?
    public var serving: [ServingEntry]
    /// Event time of its last report.
    public var lastSeenMs: Int64
    public var lastArrivalMs: Int64
    /// Restarts detected from counters going down.
    public var resets: Int
}
