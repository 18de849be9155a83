/// How pipetop's Kafka clients talk to the brokers (`security_protocol`), librdkafka's
/// `security.protocol` values.
public enum SecurityProtocol: String, Sendable, Hashable, CaseIterable {
    case plaintext
    case ssl
    case saslPlaintext = "sasl_plaintext"
    case saslSSL = "sasl_ssl"

    /// Whether connections are encrypted (and the broker's certificate verified).
    public var usesTLS: Bool { self == .ssl || self == .saslSSL }
}
