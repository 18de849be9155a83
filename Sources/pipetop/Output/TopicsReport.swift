import PipeTopCore

/// `pipetop topics --json`: `{"topics": [{name, partitions, messages_per_sec, retained, internal,
/// partitions_without_leader, partitions_under_replicated, groups: [{group, lag}]}]}`;
/// described topics (`pipetop topics NAME --json`) add each partition (`partition_details`),
/// each group's partitions, the topic's `settings` (every entry; or `settings_error`) and the
/// `brokers`.
struct TopicsReport: Encodable {
    struct Partition: Encodable {
        var partition: Int32
        /// -1: no leader; null: the metadata did not say.
        var leader: Int32?
        var replicas: [Int32]?
        var inSync: [Int32]?
        var low: Int64
        var high: Int64
        var messagesPerSec: Double?

        enum CodingKeys: String, CodingKey {
            case partition, leader, replicas, low, high
            case inSync = "in_sync", messagesPerSec = "messages_per_sec"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(partition, forKey: .partition)
            try c.encode(leader, forKey: .leader)
            try c.encode(replicas, forKey: .replicas)
            try c.encode(inSync, forKey: .inSync)
            try c.encode(low, forKey: .low)
            try c.encode(high, forKey: .high)
            try c.encode(messagesPerSec, forKey: .messagesPerSec)
        }
    }

    struct Setting: Encodable {
        var name: String
        /// Null when the broker withholds it (sensitive).
        var value: String?
        /// Set on the topic, not a broker default.
        var override: Bool

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(value, forKey: .value)
            try c.encode(override, forKey: .override)
        }

        enum CodingKeys: String, CodingKey { case name, value, override }
    }

    struct Topic: Encodable {
        var name: String
        var partitions: Int
        /// Null when the topic appeared between the two samples.
        var messagesPerSec: Double?
        var retained: Int64
        var `internal`: Bool
        var groups: [GroupOnTopicReport]
        /// Partitions without a leader, and with fewer replicas in sync than assigned.
        var withoutLeader: Int
        var underReplicated: Int
        /// Described topics only.
        var partitionDetails: [Partition]?
        var settings: [Setting]?
        var settingsError: String?

        enum CodingKeys: String, CodingKey {
            case name, partitions, retained, `internal`, groups, settings
            case messagesPerSec = "messages_per_sec", partitionDetails = "partition_details", settingsError = "settings_error"
            case withoutLeader = "partitions_without_leader", underReplicated = "partitions_under_replicated"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(partitions, forKey: .partitions)
            try c.encode(messagesPerSec, forKey: .messagesPerSec)
            try c.encode(retained, forKey: .retained)
            try c.encode(`internal`, forKey: .internal)
            try c.encode(withoutLeader, forKey: .withoutLeader)
            try c.encode(underReplicated, forKey: .underReplicated)
            try c.encode(groups, forKey: .groups)
            try c.encodeIfPresent(partitionDetails, forKey: .partitionDetails)
            try c.encodeIfPresent(settings, forKey: .settings)
            try c.encodeIfPresent(settingsError, forKey: .settingsError)
        }
    }

    struct Broker: Encodable {
        var id: Int32
        var address: String
    }

    var topics: [Topic]
    /// Described topics only.
    var brokers: [Broker]?

    /// `stats` in name order.
    init(_ stats: [TopicStats], stalledAfterMs: Int64) {
        topics = stats.sorted { $0.name < $1.name }.map { t in
            Topic(name: t.name, partitions: t.partitions, messagesPerSec: Self.rounded(t.messagesPerSecond),
                  retained: t.retained, internal: t.isInternal,
                  groups: t.groups.map { Self.group($0, stalledAfterMs: stalledAfterMs, listed: false) },
                  withoutLeader: t.offline, underReplicated: t.underReplicated)
        }
    }

    /// `stats` described in full, in the order given, with every broker of the cluster.
    init(_ stats: [TopicStats], brokers: [Int32: String], stalledAfterMs: Int64) {
        topics = stats.map { t in
            Topic(name: t.name, partitions: t.partitions, messagesPerSec: Self.rounded(t.messagesPerSecond),
                  retained: t.retained, internal: t.isInternal,
                  groups: t.groups.map { Self.group($0, stalledAfterMs: stalledAfterMs, listed: true) },
                  withoutLeader: t.offline, underReplicated: t.underReplicated,
                  partitionDetails: t.partitionStats.map { p in
                      Partition(partition: p.partition, leader: p.placement?.leader, replicas: p.placement?.replicas,
                                inSync: p.placement?.inSync, low: p.offsets.low, high: p.offsets.high, messagesPerSec: Self.rounded(p.messagesPerSecond))
                  },
                  settings: t.settings?.sorted { $0.name < $1.name }.map { Setting(name: $0.name, value: $0.value, override: $0.isOverride) },
                  settingsError: t.settingsError)
        }
        self.brokers = brokers.sorted { $0.key < $1.key }.map { Broker(id: $0.key, address: $0.value) }
    }

    private static func group(_ g: TopicGroupLag, stalledAfterMs: Int64, listed: Bool) -> GroupOnTopicReport {
        GroupOnTopicReport(.group(g.group), lag: g.lag, partitions: g.partitions, rates: g.rates, stalledAfterMs: stalledAfterMs, listed: listed)
    }

    /// To a tenth of a message a second.
    static func rounded(_ rate: Double?) -> Double? {
        rate.map { ($0 * 10).rounded() / 10 }
    }

    /// The table: TOPIC, PARTITIONS, MSG/S, RETAINED, GROUPS (`scorers (lag 1,204)`), by name.
    static func table(_ stats: [TopicStats], stalledAfterMs: Int64) -> String {
        let sorted = stats.sorted { $0.name < $1.name }
        let width = max(24, (sorted.map(\.name.count).max() ?? 0) + 2)
        var out = TextColumns.pad("TOPIC", width) + "PARTITIONS      MSG/S      RETAINED  GROUPS\n"
        for t in sorted {
            let groups = t.groupsText(stalledAfterMs: stalledAfterMs)
            out += TextColumns.pad(t.name, width) + left("\(t.partitions)", 10) + left(t.messagesPerSecond.map(Format.rate) ?? "-", 11)
                + left(Format.count(t.retained), 14) + "  " + groups + "\n"
        }
        return out
    }

    /// Each topic in full (`TopicDescription`) under a `TOPIC name` line, a blank line apart.
    static func description(_ stats: [TopicStats], brokers: [Int32: String], stalledAfterMs: Int64) -> String {
        stats.map { t in
            (["TOPIC \(t.name)"] + TopicDescription.lines(t, brokers: brokers, stalledAfterMs: stalledAfterMs)).joined(separator: "\n") + "\n"
        }
            .joined(separator: "\n")
    }

    /// `s` right-aligned in `width` columns.
    private static func left(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
