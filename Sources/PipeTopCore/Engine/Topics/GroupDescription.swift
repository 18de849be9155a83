/// One consumer group in full, as `pipetop groups NAME` prints it and the Groups screen's `d`
/// shows it: its lag in all, each topic's pace and state, then every partition it committed
/// on with its committed offset, lag and whether it is stalled there.
public enum GroupDescription {
    public static func lines(_ g: ConsumerGroupLag, stalledAfterMs: Int64) -> [String] {
        let head = ["GROUP \(g.group) · lag \(Format.count(g.lag))"] + g.topics.compactMap { t in
            let consumed = t.rates.map { "consumes \(Format.rate(max(0, $0.consumedPerSecond)))/s" }
            let progress = t.progress(stalledAfterMs: stalledAfterMs)
            let said = [consumed, progress].compactMap { $0 }
            return said.isEmpty ? nil : "\(t.topic): " + said.joined(separator: ", ")
        }
        let rows = g.topics.flatMap { t in
            t.partitions.map { p in
                [t.topic, "\(p.partition)", Format.count(p.committed), Format.count(p.lag),
                 p.isStalled(afterMs: stalledAfterMs) ? "stalled \(Format.duration(ms: p.behindForMs ?? 0))" : ""]
            }
        }
        return head + TextTable.lines(["TOPIC", "PARTITION", "COMMITTED", "LAG", ""], rows, rightAligned: [1, 2, 3])
    }

    /// Its topics, each with its lag and how the group is doing there: `payments (lag 1,204,
    /// stalled 1m30s on 1 of 6 partitions), audit (lag 0)`.
    public static func topics(_ g: ConsumerGroupLag, stalledAfterMs: Int64) -> String {
        g.topics.map { t in
            "\(t.topic) (lag \(Format.count(t.lag))" + (t.progress(stalledAfterMs: stalledAfterMs).map { ", " + $0 } ?? "") + ")"
        }.joined(separator: ", ")
    }

    /// The partitions where it is stalled, with their topics.
    public static func stalled(_ g: ConsumerGroupLag, afterMs: Int64) -> [(topic: String, partition: PartitionLag)] {
        g.topics.flatMap { t in t.partitions.filter { $0.isStalled(afterMs: afterMs) }.map { (t.topic, $0) } }
    }
}
