/// One topic in full, as plain text lines: what `pipetop topics NAME` prints and the Topics
/// screen's `d` shows (kafkactl's `describe topic`, with rates and lag per partition). A
/// partition without a leader, with too few replicas in sync for acks=all writes
/// (`min.insync.replicas`), or with replicas out of sync says so on its row, and each
/// group's lag is given per partition, so the one partition a stuck consumer holds back
/// stands out. Groups tracked over several samples also say how fast they consume and
/// whether they are catching up, falling behind or stalled (`stalledAfterMs`).
public enum TopicDescription {
    /// The summary line, the settings (when read), the partitions, the groups and the brokers
    /// that hold the topic.
    public static func lines(_ t: TopicStats, brokers: [Int32: String], stalledAfterMs: Int64) -> [String] {
        var lines = [summary(t)] + trouble(t) + [""]
        if let error = t.settingsError {
            lines += ["Settings: \(error)", ""]
        } else if let settings = t.settings, shown(settings).isEmpty {
            lines += ["Settings: none reported by the broker", ""]
        } else if let settings = t.settings {
            lines += TextTable.lines(["SETTING", "VALUE", ""], shown(settings).map { [$0.name, $0.valueText, $0.isOverride ? "set on the topic" : ""] },
                           rightAligned: []) + [""]
        }
        lines += TextTable.lines(
            ["PARTITION", "LEADER", "REPLICAS", "IN SYNC", "LOW", "HIGH", "MSG/S", ""],
            t.partitionStats.map { p in
                let placement = p.placement
                // The worst first: without a leader nobody reads or writes it; below min.insync
                // it takes no acks=all writes; under-replicated it still works.
                let flag = placement.map {
                    !$0.hasLeader ? "no leader" : t.refusesAcksAll(p) ? "refuses acks=all" : $0.isUnderReplicated ? "under-replicated" : ""
                } ?? ""
                return ["\(p.partition)", placement.map { $0.hasLeader ? "\($0.leader)" : "-" } ?? "?", ids(placement?.replicas),
                        ids(placement?.inSync), Format.count(p.offsets.low), Format.count(p.offsets.high),
                        p.messagesPerSecond.map(Format.rate) ?? "-", flag]
            }, rightAligned: [0, 1, 4, 5, 6])
        lines.append("")
        if t.groups.isEmpty {
            lines.append("No consumer group has committed offsets on it.")
        } else {
            lines += TextTable.lines(
                ["GROUP", "LAG", "CONSUMED/S", ""],
                t.groups.map { g in
                    [g.group, Format.count(g.lag), g.rates.map { Format.rate(max(0, $0.consumedPerSecond)) } ?? "-",
                     g.progress(stalledAfterMs: stalledAfterMs) ?? ""]
                }, rightAligned: [1, 2])
            lines.append("")
            // Every partition of the topic under each group: one it never committed on is `-`
            // (not caught up: unread, or read by a consumer that does not commit).
            lines += TextTable.lines(
                ["GROUP", "PARTITION", "COMMITTED", "LAG", ""],
                t.groups.flatMap { g in
                    let byPartition = Dictionary(g.partitions.map { ($0.partition, $0) }, uniquingKeysWith: { a, _ in a })
                    return t.partitionStats.map { p in
                        let lag = byPartition[p.partition]
                        let stalled = lag.flatMap { $0.isStalled(afterMs: stalledAfterMs) ? $0.behindForMs : nil }
                        return [g.group, "\(p.partition)", lag.map { Format.count($0.committed) } ?? "-", lag.map { Format.count($0.lag) } ?? "-",
                                stalled.map { "stalled \(Format.duration(ms: $0))" } ?? ""]
                    }
                }, rightAligned: [1, 2, 3])
        }
        let used = Set(t.partitionStats.flatMap { ($0.placement?.replicas ?? []) + [$0.placement?.leader ?? -1] }).filter { $0 >= 0 }
        if !used.isEmpty {
            lines.append("")
            lines += TextTable.lines(["BROKER", "ADDRESS"], used.sorted().map { ["\($0)", brokers[$0] ?? "not in the metadata"] }, rightAligned: [0])
        }
        return lines
    }

    /// `6 partitions · 212 msg/s · 1,204,332 retained`.
    public static func summary(_ t: TopicStats) -> String {
        [Format.counted(t.partitions, "partition"), (t.messagesPerSecond.map(Format.rate) ?? "-") + " msg/s",
         Format.count(t.retained) + " retained"].joined(separator: " · ")
    }

    /// What is wrong, a line each (none when all is well): partitions without a leader, those
    /// refusing acks=all writes, those under-replicated.
    public static func trouble(_ t: TopicStats) -> [String] {
        func partitions(_ n: Int) -> String { Format.counted(n, "partition") }
        var lines: [String] = []
        if t.offline > 0 { lines.append("\(partitions(t.offline)) without a leader") }
        let refusing = t.partitionStats.count(where: t.refusesAcksAll)
        if refusing > 0 { lines.append("\(partitions(refusing)) refusing acks=all writes (in sync < min.insync.replicas \(t.minInSync ?? 0))") }
        if t.underReplicated > 0 { lines.append("\(partitions(t.underReplicated)) under-replicated") }
        return lines
    }

    /// The essential settings in their order, then the others set on the topic, by name.
    static func shown(_ settings: [TopicSetting]) -> [TopicSetting] {
        let essential = TopicSetting.essential.compactMap { name in settings.first { $0.name == name } }
        return essential + settings.filter { $0.isOverride && !TopicSetting.essential.contains($0.name) }.sorted { $0.name < $1.name }
    }

    /// `1,2,3`, or `?` when the metadata did not say.
    private static func ids(_ list: [Int32]?) -> String {
        list.map { $0.isEmpty ? "-" : $0.map(String.init).joined(separator: ",") } ?? "?"
    }
}
