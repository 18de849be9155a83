/// A learner that scores a feature vector with P(label = true), learns one record at a time and
/// travels as data (its `serialize()` string is a model event's `artifact.data`).
public protocol BinaryClassifier: Sendable {
    /// Names the model kind in artifacts (`artifact.format` and the string's `kind`).
    static var kind: String { get }
    /// Number of features the model expects.
    var featureCount: Int { get }
    /// P(label = true | features). Extra features are ignored, missing ones count as 0.
    func predictProbability(_ features: [Double]) -> Double
    /// Learns from one labelled record.
    mutating func update(features: [Double], label: Bool)
    /// The model as a compact string that `deserialize` turns back into an identical model.
    func serialize() -> String
    /// The model a `serialize()` string describes; throws on anything else.
    static func deserialize(_ text: String) throws(ModelArtifactError) -> Self
}

extension BinaryClassifier {
    /// The predicted label: probability at least one half.
    public func predict(_ features: [Double]) -> Bool {
        predictProbability(features) >= 0.5
    }

    /// Scores of every record of `batch`, in order.
    public func scores(_ batch: [LabelledRecord]) -> [Double] {
        batch.map { predictProbability($0.features) }
    }

    /// Mean log loss over `batch` (0 for an empty batch).
    public func logLoss(on batch: [LabelledRecord]) -> Double {
        guard !batch.isEmpty else { return 0 }
        var total = 0.0
        for record in batch {
            total += LogisticRegression.logLoss(probability: predictProbability(record.features), label: record.label)
        }
        return total / Double(batch.count)
    }
}
