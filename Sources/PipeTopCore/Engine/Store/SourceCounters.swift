/// What one source (a topic, the demo bus, a replay file) delivered, good and bad.
public struct SourceCounters: Sendable, Hashable {
    public var name: String
    public var messages: UInt64 = 0
    public var malformed: UInt64 = 0
    public var unknownType: UInt64 = 0
    public var outOfOrder: UInt64 = 0
    public var duplicates: UInt64 = 0
    /// The most recent decode error, for the detail screen.
    public var lastError: String?
    /// Malformed messages per second of store time, for the malformed-rate alert.
    var malformedHistory = RateHistory(capacitySeconds: 60)

    public init(name: String) {
        self.name = name
    }

    /// Malformed messages per second over the 10 s before `second`.
    public func malformedRate(endingBefore second: Int64) -> Double {
        malformedHistory.rate(.errors, overSeconds: 10, endingBefore: second)
    }

    /// Adds what `other` counted of the same source (another shard's counters); its last
    /// error is kept when this one has none.
    mutating func add(_ other: SourceCounters) {
        messages += other.messages
        malformed += other.malformed
        unknownType += other.unknownType
        outOfOrder += other.outOfOrder
        duplicates += other.duplicates
        lastError = lastError ?? other.lastError
        malformedHistory.merge(other.malformedHistory)
    }
}
