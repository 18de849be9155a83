import PipeTopCore

/// A consumer group's lag and progress on one topic: a group of a topic in `pipetop topics
/// --json` (`{group, …}`) and a topic of a group in `pipetop groups --json` (`{topic, …}`):
/// `lag`, `consumed_per_sec` and `lag_per_sec` (null unless measured over 10 s or more),
/// `stalled`, and `partitions` where asked for.
struct GroupOnTopicReport: Encodable {
    enum Name {
        case group(String)
        case topic(String)
    }

    var name: Name
    var lag: Int64
    var consumedPerSec: Double?
    var lagPerSec: Double?
    var stalled: Bool
    var partitions: [PartitionLagReport]?

    init(_ name: Name, lag: Int64, partitions: [PartitionLag], rates: CommitProgress.Rates?, stalledAfterMs: Int64, listed: Bool) {
        self.name = name
        self.lag = lag
        consumedPerSec = TopicsReport.rounded(rates?.consumedPerSecond)
        lagPerSec = TopicsReport.rounded(rates?.lagPerSecond)
        stalled = partitions.contains { $0.isStalled(afterMs: stalledAfterMs) }
        self.partitions = listed ? partitions.map { PartitionLagReport($0, stalledAfterMs: stalledAfterMs) } : nil
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch name {
        case .group(let group): try c.encode(group, forKey: Key("group"))
        case .topic(let topic): try c.encode(topic, forKey: Key("topic"))
        }
        try c.encode(lag, forKey: Key("lag"))
        try c.encode(consumedPerSec, forKey: Key("consumed_per_sec"))
        try c.encode(lagPerSec, forKey: Key("lag_per_sec"))
        try c.encode(stalled, forKey: Key("stalled"))
        try c.encodeIfPresent(partitions, forKey: Key("partitions"))
    }
}
