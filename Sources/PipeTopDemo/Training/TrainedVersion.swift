import PipeTopCore

/// What one retraining produced: the version number, the model itself (for the serving side to
/// load) and its lifecycle events (`published`, then `candidate`).
public struct TrainedVersion<Model: BinaryClassifier>: Sendable {
    public var version: Int
    public var model: Model
    /// Validation accuracy (also in the `published` event's metrics).
    public var accuracy: Double
    /// Validation ROC AUC (also in the `published` event's metrics).
    public var auc: Double
    /// The events to put on the models topic, in order.
    public var events: [ModelEvent]

    public init(version: Int, model: Model, accuracy: Double, auc: Double, events: [ModelEvent]) {
        self.version = version
        self.model = model
        self.accuracy = accuracy
        self.auc = auc
        self.events = events
    }
}
