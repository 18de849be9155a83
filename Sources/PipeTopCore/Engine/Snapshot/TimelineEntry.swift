/// One line of the Events screen: a model event, a command or an acknowledgement.
public struct TimelineEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case model(ModelEvent)
        case control(ControlCommand)
        case ack(Ack)
    }

    public var kind: Kind
    public var pipeline: String
    public var tsMs: Int64

    public init(_ kind: Kind, pipeline: String, tsMs: Int64) {
        self.kind = kind
        self.pipeline = pipeline
        self.tsMs = tsMs
    }
}
