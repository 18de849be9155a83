/// How pipetop authenticates with SASL (`sasl_mechanism`), librdkafka's `sasl.mechanisms` values.
public enum SASLMechanism: String, Sendable, Hashable, CaseIterable {
    case plain = "PLAIN"
    case scramSHA256 = "SCRAM-SHA-256"
    case scramSHA512 = "SCRAM-SHA-512"
    /// A bearer token, fetched by `oauth_token_command`.
    case oauthBearer = "OAUTHBEARER"
}
