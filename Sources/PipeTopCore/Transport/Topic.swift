/// The four topics of the event contract; which one carries an event follows from its type.
public enum Topic: String, Sendable, CaseIterable, Hashable {
    case metrics, models, scored, control

    /// The topic an event of `type` travels on: labels ride with the scored records they
    /// complete, acks with the commands they answer.
    public init(for type: EventType) {
        switch type {
        case .metrics: self = .metrics
        case .model: self = .models
        case .scored, .label: self = .scored
        case .control, .ack: self = .control
        }
    }
}

extension TopicNames {
    /// The configured name of `topic`.
    public func name(of topic: Topic) -> String {
        switch topic {
        case .metrics: metrics
        case .models: models
        case .scored: scored
        case .control: control
        }
    }
}
