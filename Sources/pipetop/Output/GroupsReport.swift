import PipeTopCore

/// `pipetop groups --json`: `{"groups": [{group, lag, topics: [{topic, lag, partitions:
/// [{partition, committed, lag}]}]}]}`; and the text forms.
struct GroupsReport: Encodable {
    struct Topic: Encodable {
        var topic: String
        var lag: Int64
        var partitions: [PartitionLagReport]
    }

    struct Group: Encodable {
        var group: String
        var lag: Int64
        var topics: [Topic]
    }

    var groups: [Group]

    init(_ groups: [ConsumerGroupLag]) {
        self.groups = groups.map { g in
            Group(group: g.group, lag: g.lag, topics: g.topics.map { t in
                Topic(topic: t.topic, lag: t.lag, partitions: t.partitions.map(PartitionLagReport.init))
            })
        }
    }

    /// GROUP, LAG (in all), TOPICS (`payments (lag 1,204)`), a line a group.
    static func table(_ groups: [ConsumerGroupLag]) -> String {
        let width = max(24, (groups.map(\.group.count).max() ?? 0) + 2)
        var out = TextColumns.pad("GROUP", width) + "         LAG  TOPICS\n"
        for g in groups {
            let lag = Format.count(g.lag)
            out += TextColumns.pad(g.group, width) + String(repeating: " ", count: max(0, 12 - lag.count)) + lag + "  "
                + g.topics.map { "\($0.topic) (lag \(Format.count($0.lag)))" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// Each group under a `GROUP name` line, partition by partition, a blank line apart.
    static func description(_ groups: [ConsumerGroupLag]) -> String {
        groups.map { g in
            let rows = g.topics.flatMap { t in
                t.partitions.map { [t.topic, "\($0.partition)", Format.count($0.committed), Format.count($0.lag)] }
            }
            let lines = TextTable.lines(["TOPIC", "PARTITION", "COMMITTED", "LAG"], rows, rightAligned: [1, 2, 3])
            return (["GROUP \(g.group) · lag \(Format.count(g.lag))"] + lines).joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }
}
