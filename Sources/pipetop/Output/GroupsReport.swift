import PipeTopCore

/// `pipetop groups --json`: `{"groups": [{group, lag, stalled, topics: [{topic, lag,
/// consumed_per_sec, lag_per_sec, stalled, partitions: [{partition, committed, lag,
/// behind_for_ms, stalled}]}]}]}`; and the text forms.
struct GroupsReport: Encodable {
    struct Group: Encodable {
        var group: String
        var lag: Int64
        var stalled: Bool
        var topics: [GroupOnTopicReport]
    }

    var groups: [Group]

    init(_ groups: [ConsumerGroupLag], stalledAfterMs: Int64) {
        self.groups = groups.map { g in
            let topics = g.topics.map { t in
                GroupOnTopicReport(.topic(t.topic), lag: t.lag, partitions: t.partitions, rates: t.rates, stalledAfterMs: stalledAfterMs, listed: true)
            }
            return Group(group: g.group, lag: g.lag, stalled: g.isStalled(afterMs: stalledAfterMs), topics: topics)
        }
    }

    /// GROUP, LAG (in all), TOPICS (`payments (lag 1,204, catching up, ~2m)`), a line a group.
    static func table(_ groups: [ConsumerGroupLag], stalledAfterMs: Int64) -> String {
        let width = max(24, (groups.map(\.group.count).max() ?? 0) + 2)
        var out = TextColumns.pad("GROUP", width) + "         LAG  TOPICS\n"
        for g in groups {
            let lag = Format.count(g.lag)
            out += TextColumns.pad(g.group, width) + String(repeating: " ", count: max(0, 12 - lag.count)) + lag + "  "
                + GroupDescription.topics(g, stalledAfterMs: stalledAfterMs) + "\n"
        }
        return out
    }

    /// Each group in full (`GroupDescription`), a blank line apart; under a stalled group, the
    /// command that prints the records where it stands on each stalled partition (the last it
    /// committed past, and the next: a consumer stuck on a record has committed either up to
    /// it or, storing offsets as it receives them, just past it).
    static func description(_ groups: [ConsumerGroupLag], stalledAfterMs: Int64) -> String {
        groups.map { g in
            let stalled = GroupDescription.stalled(g, afterMs: stalledAfterMs)
            let hints = stalled.isEmpty ? [] : ["", "The records where it stands:"] + stalled.map { topic, p in
                "  pipetop tail --topic \(topic) --partition \(p.partition) --from \(max(0, p.committed - 1)) --count 2 --format json --meta"
            }
            return (GroupDescription.lines(g, stalledAfterMs: stalledAfterMs) + hints).joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }
}
