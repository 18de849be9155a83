import CRdKafka
import PipeTopCore

/// Creates topics (`rd_kafka_CreateTopics`): for `pipetop demo --kafka` and the tests, which
/// need the four contract topics to exist.
public final class KafkaAdmin: Sendable {
    private let producer: KafkaProducer

    /// An admin client on a connection of its own.
    public init(config: KafkaClientConfig, log: KafkaLog? = nil) throws(KafkaError) {
        producer = try KafkaProducer(config: config, log: log)
    }

    /// Shares `producer`'s connection.
    public init(producer: KafkaProducer) {
        self.producer = producer
    }

    /// Creates those of `names` that do not exist, each with `partitions` partitions and
    /// `replicationFactor` replicas (-1: the broker's default) and `settings` set on each
    /// (`retention.ms` …). Returns the names it created; a topic that already exists is not an
    /// error (and keeps its settings).
    @discardableResult
    public func createTopics(_ names: [String], partitions: Int, replicationFactor: Int = -1, settings: [String: String] = [:],
                             timeout: Duration = .seconds(10)) throws(KafkaError) -> [String] {
        guard !names.isEmpty else { return [] }
        let rk = producer.rawClient.handle
        let timeoutMs = Int32(clamping: timeout.milliseconds)
        var errstr = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { for t in newTopics { rd_kafka_NewTopic_destroy(t) } }
        for name in names {
            guard let topic = rd_kafka_NewTopic_new(name, Int32(partitions), Int32(replicationFactor), &errstr, errstr.count) else {
                throw .admin("\(name): " + KafkaClient.text(errstr))
            }
            newTopics.append(topic)
            for (key, value) in settings.sorted(by: { $0.key < $1.key }) where rd_kafka_NewTopic_set_config(topic, key, value) != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw .admin("\(name): cannot set \(key) = \(value)")
            }
        }
        let options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, &errstr, errstr.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, &errstr, errstr.count)
        let queue = rd_kafka_queue_new(rk)
        defer { rd_kafka_queue_destroy(queue) }
        newTopics.withUnsafeMutableBufferPointer {
            rd_kafka_CreateTopics(rk, $0.baseAddress, $0.count, options, queue)
        }
        guard let event = rd_kafka_queue_poll(queue, timeoutMs + 1000) else {
            throw .timedOut("creating topics \(names.joined(separator: ", "))")
        }
        defer { rd_kafka_event_destroy(event) }
        if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw .admin(String(cString: rd_kafka_event_error_string(event)))
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            throw .admin("unexpected reply to CreateTopics")
        }
        var count = 0
        let topics = rd_kafka_CreateTopics_result_topics(result, &count)
        var created: [String] = []
        var failures: [String] = []
        for i in 0..<count {
            guard let topic = topics?[i] else { continue }
            let name = String(cString: rd_kafka_topic_result_name(topic))
            switch rd_kafka_topic_result_error(topic) {
            case RD_KAFKA_RESP_ERR_NO_ERROR: created.append(name)
            case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: break
            default:
                let message = rd_kafka_topic_result_error_string(topic).map { String(cString: $0) }
                failures.append("\(name): " + (message ?? String(cString: rd_kafka_err2str(rd_kafka_topic_result_error(topic)))))
            }
        }
        if !failures.isEmpty { throw .admin(failures.joined(separator: "; ")) }
        return created
    }

    /// Creates whichever of the four contract topics are missing.
    @discardableResult
    public func createTopics(_ topics: TopicNames, partitions: Int, replicationFactor: Int = -1, timeout: Duration = .seconds(10)) throws(KafkaError) -> [String] {
        try createTopics(Topic.allCases.map { topics.name(of: $0) }, partitions: partitions, replicationFactor: replicationFactor, timeout: timeout)
    }

    /// Partition counts of every topic in the cluster, by name.
    public func partitionCounts(timeout: Duration = .seconds(5)) throws(KafkaError) -> [String: Int] {
        try producer.rawClient.partitionCounts(allTopics: true, timeoutMs: Int32(clamping: timeout.milliseconds))
    }
}
