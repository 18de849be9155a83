/// What can go wrong talking to Kafka. Transport trouble that librdkafka retries by itself
/// (a broker going away) is not an error here: sources show it in their status instead.
public enum KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// librdkafka refused a property; `value` is already masked when the key names a secret.
    case invalidProperty(key: String, value: String, reason: String)
    /// `rd_kafka_new` failed (e.g. inconsistent properties).
    case clientCreation(String)
    /// A metadata request failed or timed out.
    case metadata(String)
    /// The cluster answered, and has no topic of this name.
    case unknownTopic(String)
    /// A message could not be queued for sending.
    case produce(String)
    /// An admin request failed.
    case admin(String)
    /// Waiting for something took longer than allowed.
    case timedOut(String)
    /// The client hit a fatal error (e.g. the idempotent producer lost its guarantees) and can do nothing more.
    case fatal(String)

    public var description: String {
        switch self {
        case .invalidProperty(let key, let value, let reason): "kafka property \(key)=\(value): \(reason)"
        case .clientCreation(let why): "cannot create the Kafka client: \(why)"
        case .metadata(let why): "kafka metadata: \(why)"
        case .unknownTopic(let topic): "kafka metadata: topic \(topic) not found"
        case .produce(let why): "kafka produce: \(why)"
        case .admin(let why): "kafka admin: \(why)"
        case .timedOut(let what): "kafka: timed out \(what)"
        case .fatal(let why): "kafka fatal error: \(why)"
        }
    }
}
