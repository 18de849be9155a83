import PipeTopCore

/// Sends control commands to the control topic: idempotent producer, `acks=all`, one message
/// per command keyed by its id, and the delivery report passed on, so a command the cluster
/// did not take shows as failed rather than pending.
public final class KafkaControlSink: ControlSink {
    public let producer: KafkaProducer
    public let topic: String

    public init(producer: KafkaProducer, topics: TopicNames = TopicNames()) {
        self.producer = producer
        self.topic = topics.control
    }

    public convenience init(config: KafkaClientConfig, topics: TopicNames = TopicNames(), log: KafkaLog? = nil) throws(KafkaError) {
        self.init(producer: try KafkaProducer(config: config, options: .control, log: log), topics: topics)
    }

    public func send(_ command: ControlCommand, delivered: @escaping @Sendable (DeliveryReport) -> Void) {
        var value: [UInt8] = []
        EventEncoder.encode(.control(command), into: &value)
        // A failure to queue already called `delivered`.
        try? producer.produce(topic: topic, key: command.messageKey, value: value, delivered: delivered)
    }
}
