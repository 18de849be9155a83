import PipeTopCore

/// The demo pipeline's trainer: keeps a window of recently labelled records and, once per
/// retrain interval of event time, fits a fresh model on it and publishes it as data.
public struct Trainer<Model: BinaryClassifier>: Sendable {
    /// What to train, how often and on how much.
    public struct Configuration: Sendable {
        /// `pipeline` of every event.
        public var pipeline: String
        /// `model` of every event.
        public var modelName: String
        /// Event time between two retrainings (and from the first label to the first one).
        public var retrainIntervalMs: Int64
        /// Fewest labelled records in the window before a model is trained.
        public var minimumLabelled: Int
        /// Passes over the training split.
        public var epochs: Int
        /// Version number of the first model published.
        public var firstVersion: Int
        /// Records the labelled window holds.
        public var windowCapacity: Int
        /// Every n-th labelled record is held out for validation.
        public var validationEvery: Int
        /// Bins of the reference score histogram.
        public var referenceBins: Int
        /// Makes an untrained model (each version starts from scratch on the recent window).
        public var makeModel: @Sendable () -> Model

        public init(
            pipeline: String, modelName: String, retrainIntervalMs: Int64 = 60_000, minimumLabelled: Int = 1_000,
            epochs: Int = 2, firstVersion: Int = 1, windowCapacity: Int = 20_000, validationEvery: Int = 5,
            referenceBins: Int = 10, makeModel: @escaping @Sendable () -> Model
        ) {
            self.pipeline = pipeline
            self.modelName = modelName
            self.retrainIntervalMs = retrainIntervalMs
            self.minimumLabelled = minimumLabelled
            self.epochs = epochs
            self.firstVersion = firstVersion
            self.windowCapacity = windowCapacity
            self.validationEvery = validationEvery
            self.referenceBins = referenceBins
            self.makeModel = makeModel
        }
    }

    public let configuration: Configuration
    /// The recent labelled records.
    public private(set) var window: LabelledWindow
    /// The last version this trainer published, if any.
    public private(set) var lastVersion: Int?
    /// Event time the interval counts from: the last retraining, or the first label.
    public private(set) var intervalStartMs: Int64?

    public init(configuration: Configuration) {
        self.configuration = configuration
        self.window = LabelledWindow(
            capacity: configuration.windowCapacity, validationEvery: configuration.validationEvery)
    }

    /// Records that `record`'s label arrived at event time `tsMs`.
    public mutating func observe(_ record: LabelledRecord, labelledAtMs tsMs: Int64) {
        window.append(record, tsMs: tsMs)
        if intervalStartMs == nil { intervalStartMs = tsMs }
    }

    /// Whether `maybeRetrain(nowMs:)` would train now.
    public func isDue(nowMs: Int64) -> Bool {
        guard let start = intervalStartMs, nowMs - start >= configuration.retrainIntervalMs else { return false }
        return window.count >= max(configuration.minimumLabelled, 2)
    }

    /// Trains, validates and publishes the next version when the interval has passed and enough
    /// labels are held; nil otherwise. The events are `published` (with metrics, artifact and
    /// reference) and `candidate`, both at `nowMs`.
    public mutating func maybeRetrain(nowMs: Int64) -> TrainedVersion<Model>? {
        guard isDue(nowMs: nowMs) else { return nil }
        return trainNow(nowMs: nowMs)
    }

    /// Trains, validates and publishes the next version on whatever the window holds now (the
    /// demo's first version, trained on a warm-up before the pipeline starts); nil when the
    /// window cannot be split into training and validation records.
    public mutating func trainNow(nowMs: Int64) -> TrainedVersion<Model>? {
        let split = window.snapshot()
        guard !split.train.isEmpty, !split.validation.isEmpty else { return nil }
        var model = configuration.makeModel()
        for _ in 0..<max(1, configuration.epochs) {
            for record in split.train {
                model.update(features: record.features, label: record.label)
            }
        }
        let scores = model.scores(split.validation)
        let labels = split.validation.map(\.label)
        let accuracy = Evaluation.accuracy(scores: scores, labels: labels)
        let auc = Evaluation.rocAUC(scores: scores, labels: labels)
        // A non-finite score (e.g. from non-finite features) leaves the version without a
        // reference rather than blocking it; drift bins then come from the pipeline's default.
        let reference = (try? Evaluation.referenceHistogram(scores: scores, bins: configuration.referenceBins))
            .map { Reference(score: $0, features: featureReferences(split.validation)) }
        let data = model.serialize()
        let artifact = Artifact(
            format: Model.kind, sha256: SHA256.hex(data), bytes: Int64(data.utf8.count), data: data)
        let version = lastVersion.map { $0 + 1 } ?? configuration.firstVersion
        let published = ModelEvent(
            pipeline: configuration.pipeline, tsMs: nowMs, model: configuration.modelName, version: version,
            event: .published,
            description:
                "\(Model.kind) trained on \(split.train.count) records, validated on \(split.validation.count)",
            parent: lastVersion,
            metrics: [NamedValue(name: "accuracy", value: accuracy), NamedValue(name: "auc", value: auc)],
            artifact: artifact, reference: reference)
        let candidate = ModelEvent(
            pipeline: configuration.pipeline, tsMs: nowMs, model: configuration.modelName, version: version,
            event: .candidate, description: "shadow-scored beside the primary", parent: lastVersion)
        lastVersion = version
        intervalStartMs = nowMs
        return TrainedVersion(
            version: version, model: model, accuracy: accuracy, auc: auc, events: [published, candidate])
    }

    /// Reference histograms of each feature over the validation records, so feature drift is
    /// measured against the data the version was trained for.
    private func featureReferences(_ records: [LabelledRecord]) -> [String: ReferenceHistogram] {
        guard let names = records.first?.names else { return [:] }
        var references: [String: ReferenceHistogram] = [:]
        for (f, name) in names.enumerated() {
            let values = records.map { f < $0.features.count ? $0.features[f] : 0 }
            if let histogram = try? Evaluation.referenceHistogram(scores: values, bins: configuration.referenceBins) {
                references[name] = histogram
            }
        }
        return references
    }
}
