/// The `reference` of a model event: the score's reference distribution and,
/// optionally, one per feature.
public struct Reference: Sendable, Hashable {
    public var score: ReferenceHistogram
    public var features: [String: ReferenceHistogram]

    public init(score: ReferenceHistogram, features: [String: ReferenceHistogram] = [:]) {
        self.score = score
        self.features = features
    }
}
