/// Where control commands go: the control topic on Kafka, or the demo bus.
public protocol ControlSink: AnyObject, Sendable {
    /// Sends `command` by `route`. `delivered` is called exactly once, on any thread, with
    /// whether the transport took it (the command's outcome is decided by `CommandTracker`).
    func send(_ command: ControlCommand, route: ControlRoute, delivered: @escaping @Sendable (DeliveryReport) -> Void)
}

/// Whether a transport delivered a message.
public enum DeliveryReport: Sendable, Hashable {
    case delivered
    case failed(String)
}

/// What a pipeline's controller reads commands from: the control topic (Kafka) or the demo bus.
public protocol ControlFeed: AnyObject, Sendable {
    /// Calls `body` with each control-topic message value that arrived since the last call
    /// (commands, and acks which the reader ignores), in order; returns without waiting.
    func drain(_ body: (UnsafeRawBufferPointer) -> Void)
}
