/// One pipeline that does not speak the contract, watched through its own topics
/// (`[[pipelines]]`, or `[[contexts.pipelines]]` for one cluster): where its scored records,
/// models and labels are, how each topic is decoded and where each field comes from.
public struct PipelineConfig: Sendable, Hashable {
    /// How promote and rollback reach the pipeline.
    public enum Control: String, Sendable, CaseIterable {
        /// Commands on pipetop's control topic (the pipeline speaks the contract's control).
        case contract
        /// The chosen version's original message sent again to the models topic.
        case republish
        /// Watched only.
        case none
    }

    public var name: String
    public var scoredTopic: String
    public var modelsTopic: String?
    public var labelsTopic: String?
    public var inputTopic: String?
    public var errorsTopic: String?
    /// The scorers' consumer group, for lag.
    public var consumerGroup: String?
    public var control: Control
    /// How much of the scored topic is read (`scored_read`, `scored_sample`).
    public var scoredRead = ScoredRead.all
    public var scored: TopicMapping
    public var models: TopicMapping?
    public var labels: TopicMapping?

    /// Whether its scored records say which version scored them (the contract's do; a mapped
    /// topic's when `version` is mapped): what acknowledges a re-published version.
    public var scoredCarriesVersion: Bool { scored.format == .contract || scored.fields["version"] != nil }

    public init(name: String, scoredTopic: String, modelsTopic: String? = nil, labelsTopic: String? = nil,
                inputTopic: String? = nil, errorsTopic: String? = nil, consumerGroup: String? = nil,
                control: Control = .none, scored: TopicMapping = TopicMapping(format: .contract),
                models: TopicMapping? = nil, labels: TopicMapping? = nil) {
        self.name = name
        self.scoredTopic = scoredTopic
        self.modelsTopic = modelsTopic
        self.labelsTopic = labelsTopic
        self.inputTopic = inputTopic
        self.errorsTopic = errorsTopic
        self.consumerGroup = consumerGroup
        self.control = control
        self.scored = scored
        self.models = models
        self.labels = labels
    }
}
