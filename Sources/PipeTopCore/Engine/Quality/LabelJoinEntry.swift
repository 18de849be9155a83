/// A scored record waiting in `LabelJoin` for its label.
public struct LabelJoinEntry: Sendable, Hashable {
    // Stored wide fields first, narrow last: 40 bytes instead of 48, times 100,000 waiting records.

    /// `LabelJoin.hash` of the record key.
    public let keyHash: UInt64
    public let score: Double
    /// `OutcomeMatch.hash` of the prediction, to compare with the label without keeping it.
    public let predictionHash: UInt64
    public let tsMs: Int64
    /// The store's slot id for (pipeline, model, version); primary and shadow of one key differ here.
    public let tracker: Int32
    public let role: Role
    /// The prediction read as a binary class, if it can be.
    public let predictedPositive: Bool?

    public init(
        keyHash: UInt64, tracker: Int32, role: Role, score: Double, predictedPositive: Bool?, predictionHash: UInt64,
        tsMs: Int64
    ) {
        self.keyHash = keyHash
        self.tracker = tracker
        self.role = role
        self.score = score
        self.predictedPositive = predictedPositive
        self.predictionHash = predictionHash
        self.tsMs = tsMs
    }

    /// Builds an entry from a scored record's prediction (a missing prediction matches nothing but itself).
    public init(keyHash: UInt64, tracker: Int32, role: Role, score: Double, prediction: Outcome?, tsMs: Int64) {
        self.init(
            keyHash: keyHash, tracker: tracker, role: role, score: score, predictedPositive: prediction?.isPositive,
            predictionHash: prediction.map(OutcomeMatch.hash) ?? 0, tsMs: tsMs)
    }

    /// Whether this record's prediction is right about `label`.
    public func isCorrect(for label: Outcome) -> Bool {
        OutcomeMatch.matches(predictionHash: predictionHash, predictedPositive: predictedPositive, label: label)
    }

    /// Whether two records (a primary and a shadow of one key) predicted the same.
    public func agrees(with other: LabelJoinEntry) -> Bool {
        if let a = predictedPositive, let b = other.predictedPositive { return a == b }
        return predictedPositive == nil && other.predictedPositive == nil && predictionHash == other.predictionHash
    }
}
