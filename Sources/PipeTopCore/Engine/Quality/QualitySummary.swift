/// The numbers a quality window yields, frozen for a snapshot.
public struct QualitySummary: Sendable, Hashable {
    /// Labelled outcomes in the window.
    public let count: Int
    /// Correct predictions / count; nil when empty.
    public let accuracy: Double?
    /// ROC AUC of the scores against binary labels; nil unless both classes are present.
    public let auc: Double?
    public let positives: Int
    public let negatives: Int

    public init(count: Int, accuracy: Double?, auc: Double?, positives: Int, negatives: Int) {
        self.count = count
        self.accuracy = accuracy
        self.auc = auc
        self.positives = positives
        self.negatives = negatives
    }
}
