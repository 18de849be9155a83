/// How a `KafkaProducer` sends.
public struct KafkaProducerOptions: Sendable, Hashable {
    /// Idempotent producer (`enable.idempotence`, which implies `acks=all`): no duplicates or
    /// reordering on retries. The control producer uses it.
    public var idempotent = false
    /// `acks`: `all` waits for every in-sync replica; nil leaves librdkafka's default (all).
    public var acks: String? = nil
    /// `message.timeout.ms`: how long a message may wait for delivery before it is reported failed.
    public var messageTimeout: Duration = .seconds(300)
    /// `linger.ms`: how long to wait to fill a batch.
    public var lingerMs = 5
    /// How long `produce` waits while librdkafka's queue is full before it gives up.
    public var queueFullTimeout: Duration = .seconds(30)
    /// How long `flush` waits for outstanding deliveries.
    public var flushTimeout: Duration = .seconds(30)

    public init(
        idempotent: Bool = false, acks: String? = nil, messageTimeout: Duration = .seconds(300), lingerMs: Int = 5,
        queueFullTimeout: Duration = .seconds(30), flushTimeout: Duration = .seconds(30)
    ) {
        self.idempotent = idempotent
        self.acks = acks
        self.messageTimeout = messageTimeout
        self.lingerMs = lingerMs
        self.queueFullTimeout = queueFullTimeout
        self.flushTimeout = flushTimeout
    }

    /// For control commands: idempotent, `acks=all`, and a failure reported within 10 s, so a
    /// command that cannot be delivered shows as failed rather than pending for minutes.
    public static let control = KafkaProducerOptions(
        idempotent: true, acks: "all", messageTimeout: .seconds(10), lingerMs: 0, flushTimeout: .seconds(15))

    /// librdkafka properties for these options (under the configured ones, except idempotence).
    var roleDefaults: [String: String] {
        var p = [
            "message.timeout.ms": String(messageTimeout.milliseconds),
            "linger.ms": String(lingerMs),
        ]
        if let acks { p["acks"] = acks }
        return p
    }

    var forced: [String: String] {
        idempotent ? ["enable.idempotence": "true", "acks": "all"] : [:]
    }
}
