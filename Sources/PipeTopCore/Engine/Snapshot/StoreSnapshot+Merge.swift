/// A sharded store's picture: its shards' pictures put together.
extension StoreSnapshot {
    /// Merges the pictures of a store's shards, taken at one store time: pipelines by name,
    /// sources by name with their counters added, alerts worst first, and the newest of the
    /// timeline, alert history and scored tail, each cut to what one store keeps (`limits`).
    init(merging parts: [StoreSnapshot], quietSinceMs: Int64?, limits: StoreLimits) {
        var sources: [String: SourceCounters] = [:]
        for part in parts {
            for s in part.sources {
                guard var merged = sources[s.name] else {
                    sources[s.name] = s
                    continue
                }
                merged.add(s)
                sources[s.name] = merged
            }
        }
        var sampling = TailSampling()
        for part in parts {
            sampling.notShown += part.scoredSampling.notShown
            sampling.every = max(sampling.every, part.scoredSampling.every)
        }
        var labelJoin = LabelJoinCounters()
        for part in parts { labelJoin.add(part.labelJoin) }
        // Sorted in place: each part is sorted already, and a copy of every pipeline's
        // picture costs as much as the sort.
        var pipelines = parts.flatMap(\.pipelines)
        pipelines.sort { $0.name < $1.name }
        self.init(
            takenAtMs: parts.map(\.takenAtMs).max() ?? 0,
            latestEventMs: parts.compactMap(\.latestEventMs).max(),
            quietSinceMs: quietSinceMs,
            pipelines: pipelines,
            sources: sources.values.sorted { $0.name < $1.name },
            timeline: Self.newest(parts.map(\.timeline), limit: limits.timelineEntries) { $0.tsMs },
            alerts: parts.flatMap(\.alerts).sorted(by: Alert.worstFirst),
            alertHistory: Self.newest(parts.map(\.alertHistory), limit: AlertBook.defaultHistoryCapacity) { $0.atMs },
            totalEvents: parts.reduce(0) { $0 + $1.totalEvents },
            labelJoin: labelJoin,
            recentScored: Self.newest(parts.map(\.recentScored), limit: limits.tailRecords) { $0.tsMs },
            scoredTotal: parts.reduce(0) { $0 + $1.scoredTotal },
            scoredSampling: sampling,
            approximateBytes: parts.reduce(0) { $0 + $1.approximateBytes },
            evictions: parts.reduce(0) { $0 + $1.evictions })
    }

    /// The newest `limit` entries of lists that are each newest first, newest first (ties
    /// keep the shards' order).
    private static func newest<T>(_ lists: [[T]], limit: Int, time: (T) -> Int64) -> [T] {
        let filled = lists.filter { !$0.isEmpty }
        if filled.count <= 1 { return Array((filled.first ?? []).prefix(limit)) }
        var heads = Array(repeating: 0, count: lists.count)
        var out: [T] = []
        out.reserveCapacity(min(limit, lists.reduce(0) { $0 + $1.count }))
        while out.count < limit {
            var best: Int?
            for (i, list) in lists.enumerated() where heads[i] < list.count {
                if let b = best, time(list[heads[i]]) <= time(lists[b][heads[b]]) { continue }
                best = i
            }
            guard let b = best else { break }
            out.append(lists[b][heads[b]])
            heads[b] += 1
        }
        return out
    }
}
