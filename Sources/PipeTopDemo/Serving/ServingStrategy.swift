/// How a pipeline answers a record when it holds more than one model version, after the
/// serving strategies of the model-serving literature.
public enum ServingStrategy: String, Sendable, CaseIterable, Hashable {
    /// The serving (primary) version answers; candidates are shadow-scored.
    case single
    /// Every loaded version scores; the first to finish within the deadline answers.
    case speculative
    /// The serving and candidate versions (and the previous primary, for an odd count) vote.
    case consensus
    /// The version with the best recent labelled accuracy answers.
    case quality

    public init(parsing text: String) throws(DemoConfigurationError) {
        guard let strategy = ServingStrategy(rawValue: text.lowercased()) else {
            throw .unknownStrategy(text)
        }
        self = strategy
    }
}
