/// The four topics of the event contract (`[topics]`).
public struct TopicNames: Sendable, Hashable {
    public var metrics = "pipeline.metrics"
    public var models = "pipeline.models"
    public var scored = "pipeline.scored"
    public var control = "pipeline.control"

    public init(
        metrics: String = "pipeline.metrics", models: String = "pipeline.models",
        scored: String = "pipeline.scored", control: String = "pipeline.control"
    ) {
        self.metrics = metrics
        self.models = models
        self.scored = scored
        self.control = control
    }

    /// These names with the ones `overrides` sets replaced.
    public func applying(_ overrides: TopicOverrides) -> TopicNames {
        TopicNames(
            metrics: overrides.metrics ?? metrics, models: overrides.models ?? models,
            scored: overrides.scored ?? scored, control: overrides.control ?? control
        )
    }
}
