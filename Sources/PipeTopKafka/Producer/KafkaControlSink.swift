import Dispatch
import PipeTopCore

/// Sends control commands through one idempotent, `acks=all` producer: on the control topic,
/// one message per command keyed by its id; or, for a pipeline controlled by re-publishing,
/// as its target version's models message sent again (`ModelRepublisher`, read back on a
/// queue of its own so the caller never waits for the cluster). The delivery report is passed
/// on, so a command the cluster did not take shows as failed rather than pending.
public final class KafkaControlSink: ControlSink {
    public let producer: KafkaProducer
    public let topic: String
    private let republisher: ModelRepublisher
    private let republishing = DispatchQueue(label: "pipetop-republish")

    public init(producer: KafkaProducer, topics: TopicNames = TopicNames()) {
        self.producer = producer
        self.topic = topics.control
        republisher = ModelRepublisher(producer: producer)
    }

    public convenience init(config: KafkaClientConfig, topics: TopicNames = TopicNames(), log: KafkaLog? = nil) throws(KafkaError) {
        self.init(producer: try KafkaProducer(config: config, options: .control, log: log), topics: topics)
    }

    public func send(_ command: ControlCommand, route: ControlRoute, delivered: @escaping @Sendable (DeliveryReport) -> Void) {
        switch route {
        case .controlTopic:
            var value: [UInt8] = []
            EventEncoder.encode(.control(command), into: &value)
            // A failure to queue already called `delivered`.
            try? producer.produce(topic: topic, key: command.messageKey, value: value, delivered: delivered)
        case .republish(let origin, _):
            republishing.async { [republisher] in
                // Well inside the default ack timeout (10 s), so an unreachable cluster shows
                // as a failed delivery with its reason rather than as a timeout.
                switch Result(catching: { () throws(RepublishError) in try republisher.fetch(origin, timeout: .seconds(5)) }) {
                case .success(let message): republisher.send(message, commandID: command.id, delivered: delivered)
                case .failure(let error): delivered(.failed(error.description))
                }
            }
        }
    }
}
