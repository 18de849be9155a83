import PipeTopCore

/// Publishes contract events to their topics: where the demo pipeline writes when it runs
/// over Kafka. Each message goes to its topic's configured name with its message key.
public final class KafkaSink: EventSink {
    public let producer: KafkaProducer
    public let topics: TopicNames

    public init(producer: KafkaProducer, topics: TopicNames = TopicNames()) {
        self.producer = producer
        self.topics = topics
    }

    public convenience init(config: KafkaClientConfig, topics: TopicNames = TopicNames(), options: KafkaProducerOptions = KafkaProducerOptions(), log: KafkaLog? = nil) throws(KafkaError) {
        self.init(producer: try KafkaProducer(config: config, options: options, log: log), topics: topics)
    }

    /// Queues every message of `batch` in order; waits while librdkafka's queue is full.
    public func publish(_ batch: MessageBatch) throws {
        try batch.forEach { topic, key, value in
            try producer.produce(topic: topics.name(of: topic), key: key, value: value)
        }
    }

    /// Waits until everything published so far is delivered; throws when it was not.
    public func flush() throws {
        try producer.flush()
        if let fatal = producer.fatalError { throw KafkaError.fatal(fatal) }
    }
}
