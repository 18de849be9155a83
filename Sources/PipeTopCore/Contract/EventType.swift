/// The `type` field of a contract message.
public enum EventType: String, Sendable, CaseIterable, Hashable {
    case metrics, model, scored, label, control, ack
}
