/// One cell of `LabelJoin`'s ring: the entry, its place in time and its link to the key's older entry.
struct LabelJoinSlot: Sendable {
    /// Marks a slot that holds nothing (never written, joined, evicted or expired).
    static let empty: UInt64 = .max

    var entry: LabelJoinEntry
    /// The ring sequence number the entry was written at, or `empty`. A link is followed only
    /// when the slot still carries the sequence it was made with, so reused slots never alias.
    var sequence: UInt64
    /// Sequence of the next older entry with the same key, or `empty`.
    var previous: UInt64

    static let vacant = LabelJoinSlot(
        entry: LabelJoinEntry(
            keyHash: 0, tracker: -1, role: .primary, score: 0, predictedPositive: nil, predictionHash: 0, tsMs: 0),
        sequence: empty, previous: empty)
}
