/// Labels on their way: a scored record whose outcome the world will reveal waits `delayMs`
/// in a bounded queue; the features of the label revealed last are kept for learning from it.
struct LabelDelay: Sendable {
    let delayMs: Int64
    private var pending: PendingLabels
    /// The features of the record whose label was revealed last.
    private(set) var revealedFeatures: [Double] = []

    /// Room for the labels of about twice the records a delay holds at `ratePerSecond` (at
    /// least 1,024, at most 2^18).
    init(delayMs: Int64, ratePerSecond: Double, labelShare: Double, dimensions: Int) {
        self.delayMs = delayMs
        let capacity = max(1_024, Int(ratePerSecond * Double(delayMs) / 1_000 * labelShare * 2))
        pending = PendingLabels(capacity: min(capacity, 1 << 18), dimensions: dimensions)
    }

    var isFull: Bool { pending.isFull }

    /// Whether the oldest label is due by `ts`.
    func hasDue(byMs ts: Int64) -> Bool {
        pending.nextDueMs.map { $0 <= ts } ?? false
    }

    /// Holds the label of record `sequence`, scored at `ts`; reveal the oldest first when full.
    mutating func hold(scoredAtMs ts: Int64, sequence: Int64, label: Bool, features: [Double]) {
        pending.push(dueMs: ts + delayMs, sequence: sequence, label: label, features: features)
    }

    /// Reveals the oldest label; its features are then in `revealedFeatures`.
    mutating func revealOldest() -> PendingLabels.Entry {
        pending.pop(features: &revealedFeatures)
    }
}
