import PipeTopCore

/// `pipetop topics --json`: `{"topics": [{name, partitions, messages_per_sec, retained, internal, groups: [{group, lag}]}]}`.
struct TopicsReport: Encodable {
    struct Group: Encodable {
        var group: String
        var lag: Int64
    }

    struct Topic: Encodable {
        var name: String
        var partitions: Int
        /// Null when the topic appeared between the two samples.
        var messagesPerSec: Double?
        var retained: Int64
        var `internal`: Bool
        var groups: [Group]

        enum CodingKeys: String, CodingKey {
            case name, partitions, retained, `internal`, groups
            case messagesPerSec = "messages_per_sec"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(partitions, forKey: .partitions)
            try c.encode(messagesPerSec, forKey: .messagesPerSec)
            try c.encode(retained, forKey: .retained)
            try c.encode(`internal`, forKey: .internal)
            try c.encode(groups, forKey: .groups)
        }
    }

    var topics: [Topic]

    /// `stats` in name order.
    init(_ stats: [TopicStats]) {
        topics = stats.sorted { $0.name < $1.name }.map { t in
            Topic(name: t.name, partitions: t.partitions, messagesPerSec: t.messagesPerSecond.map { ($0 * 10).rounded() / 10 },
                  retained: t.retained, internal: t.isInternal, groups: t.groups.map { Group(group: $0.group, lag: $0.lag) })
        }
    }

    /// The table: TOPIC, PARTITIONS, MSG/S, RETAINED, GROUPS (`scorers (lag 1,204)`), by name.
    static func table(_ stats: [TopicStats]) -> String {
        let sorted = stats.sorted { $0.name < $1.name }
        let width = max(24, (sorted.map(\.name.count).max() ?? 0) + 2)
        var out = TextColumns.pad("TOPIC", width) + "PARTITIONS      MSG/S      RETAINED  GROUPS\n"
        for t in sorted {
            let groups = t.groups.isEmpty ? "-" : t.groups.map { "\($0.group) (lag \(Format.count($0.lag)))" }.joined(separator: ", ")
            out += TextColumns.pad(t.name, width) + left("\(t.partitions)", 10) + left(t.messagesPerSecond.map(Format.rate) ?? "-", 11)
                + left(Format.count(t.retained), 14) + "  " + groups + "\n"
        }
        return out
    }

    /// `s` right-aligned in `width` columns.
    private static func left(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
