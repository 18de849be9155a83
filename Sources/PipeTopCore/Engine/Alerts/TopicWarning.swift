/// Something wrong with a topic rather than a pipeline, kept by the store as an alert on the
/// topic until the source says otherwise.
public struct TopicWarning: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A models topic that deletes old versions (`ModelsTopicRetention`): a warning.
        case retention
        /// Partitions without a leader (`LeaderlessPartitions`): critical.
        case leaderless
        /// Partitions refusing acks=all writes (`AcksAllRefusal`): critical.
        case acksAll

        var alert: AlertKind {
            switch self {
            case .retention: .retention
            case .leaderless: .leaderless
            case .acksAll: .acksAll
            }
        }

        var severity: Severity {
            switch self {
            case .retention: .warn
            case .leaderless, .acksAll: .critical
            }
        }
    }

    public var topic: String
    public var kind: Kind
}
