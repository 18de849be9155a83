/// Any contract message.
public enum Event: Sendable, Hashable {
    case metrics(MetricsEvent)
    case model(ModelEvent)
    case scored(ScoredEvent)
    case label(LabelEvent)
    case control(ControlCommand)
    case ack(Ack)

    public var type: EventType {
        switch self {
        case .metrics: .metrics
        case .model: .model
        case .scored: .scored
        case .label: .label
        case .control: .control
        case .ack: .ack
        }
    }

    public var pipeline: String {
        switch self {
        case .metrics(let e): e.pipeline
        case .model(let e): e.pipeline
        case .scored(let e): e.pipeline
        case .label(let e): e.pipeline
        case .control(let e): e.pipeline
        case .ack(let e): e.pipeline
        }
    }

    /// Event time, epoch milliseconds.
    public var tsMs: Int64 {
        switch self {
        case .metrics(let e): e.tsMs
        case .model(let e): e.tsMs
        case .scored(let e): e.tsMs
        case .label(let e): e.tsMs
        case .control(let e): e.tsMs
        case .ack(let e): e.tsMs
        }
    }

    /// The Kafka message key the contract assigns to this message.
    public var messageKey: String {
        switch self {
        case .metrics(let e): e.messageKey
        case .model(let e): e.messageKey
        case .scored(let e): e.messageKey
        case .label(let e): e.messageKey
        case .control(let e): e.messageKey
        case .ack(let e): e.messageKey
        }
    }
}
