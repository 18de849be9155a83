/// The outcome of a hot-path decode: the scratch `ScoredEvent` was filled, or the message was another type.
public enum DecodeResult: Sendable, Hashable {
    /// The message was `type: scored` and the caller's scratch value now holds it.
    case scored
    /// Any other message type, decoded in full.
    case other(Event)
}
