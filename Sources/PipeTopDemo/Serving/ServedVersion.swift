import PipeTopCore

/// A model version loaded by the serving side: the model rebuilt from its artifact, its
/// service time, and its accuracy on the most recent labelled records (which the `quality`
/// strategy and auto-promotion read).
public struct ServedVersion<Model: BinaryClassifier>: Sendable {
    public var version: Int
    public var model: Model
    public var latency: LatencyProfile
    public private(set) var recent: RecentAccuracy

    public init(version: Int, model: Model, latency: LatencyProfile, accuracyWindow: Int = 1_000) {
        self.version = version
        self.model = model
        self.latency = latency
        self.recent = RecentAccuracy(capacity: accuracyWindow)
    }

    /// Scores `features` with the version and records, once its label is known, whether the
    /// version was right.
    public mutating func learnOutcome(features: [Double], label: Bool) {
        recent.record(model.predict(features) == label)
    }
}

/// Accuracy over the last `capacity` labelled outcomes.
public struct RecentAccuracy: Sendable {
    private var hits: Ring<Bool>
    private var correct = 0

    public init(capacity: Int) {
        hits = Ring(capacity: capacity)
    }

    public var count: Int { hits.count }

    /// Share of hits, or nil before any outcome.
    public var accuracy: Double? {
        hits.isEmpty ? nil : Double(correct) / Double(hits.count)
    }

    public mutating func record(_ hit: Bool) {
        if hits.append(hit) == true { correct -= 1 }
        if hit { correct += 1 }
    }
}
