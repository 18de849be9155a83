/// A rolling rate of agreement between the primary's and a shadow's prediction for the same key.
public struct AgreementWindow: Sendable {
    public let capacity: Int
    private var ring: [Bool]
    private var next = 0
    public private(set) var count = 0
    private var agreeCount = 0

    public init(capacity: Int = 5_000) {
        self.capacity = max(1, capacity)
        ring = Array(repeating: false, count: self.capacity)
    }

    /// Adds one comparison, pushing out the oldest when full; O(1), no allocation.
    public mutating func add(_ agreed: Bool) {
        if count == capacity {
            if ring[next] { agreeCount -= 1 }
        } else {
            count += 1
        }
        ring[next] = agreed
        if agreed { agreeCount += 1 }
        next = next + 1 == capacity ? 0 : next + 1
    }

    /// Agreeing pairs / pairs in the window; nil when empty.
    public var rate: Double? { count == 0 ? nil : Double(agreeCount) / Double(count) }

    public var approximateBytes: Int { MemoryLayout<AgreementWindow>.stride + capacity }
}
