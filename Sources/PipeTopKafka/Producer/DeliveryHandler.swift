import PipeTopCore

/// A message's own delivery callback, handed to librdkafka as the message's opaque and
/// called once from its delivery report.
final class DeliveryHandler: Sendable {
    let body: @Sendable (DeliveryReport) -> Void

    init(_ body: @escaping @Sendable (DeliveryReport) -> Void) {
        self.body = body
    }
}
