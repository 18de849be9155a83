/// A context's partial `topics` table: only the names it sets replace `[topics]`.
public struct TopicOverrides: Sendable, Hashable {
    public var metrics: String?
    public var models: String?
    public var scored: String?
    public var control: String?

    public init(
        metrics: String? = nil, models: String? = nil, scored: String? = nil, control: String? = nil
    ) {
        self.metrics = metrics
        self.models = models
        self.scored = scored
        self.control = control
    }
}
