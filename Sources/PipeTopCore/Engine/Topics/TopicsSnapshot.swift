/// Every topic of a cluster with its rate, retained records and reading groups, measured from
/// two `TopicsSample`s: an immutable value the Topics screen and `pipetop topics` draw from.
public struct TopicsSnapshot: Sendable, Hashable {
    /// Sorted by name.
    public var topics: [TopicStats]
    /// Wall-clock time of the later sample, epoch ms.
    public var measuredAtMs: Int64
    /// Time between the two samples (nil: one sample so far, no rates).
    public var intervalMs: Int64?
    /// Why the last sample failed (the topics are those of the last good one), or why the
    /// groups are missing; nil when all went well.
    public var error: String?

    public init(topics: [TopicStats], measuredAtMs: Int64, intervalMs: Int64? = nil, error: String? = nil) {
        self.topics = topics.sorted { $0.name < $1.name }
        self.measuredAtMs = measuredAtMs
        self.intervalMs = intervalMs
        self.error = error
    }

    /// `current` measured against `previous` (nil, or older than `current` by nothing: no rates).
    /// A partition's rate counts only growth of its high watermark, so a topic deleted and
    /// created again between the samples shows no negative rate; partitions new since
    /// `previous` count from the next sample on.
    public init(previous: TopicsSample?, current: TopicsSample) {
        let elapsedMs = previous.map { current.takenAtMs - $0.takenAtMs } ?? 0
        var lags: [String: [TopicGroupLag]] = [:]
        for (group, topics) in current.committed {
            for (topic, offsets) in topics {
                guard let marks = current.watermarks[topic] else { continue }
                var lag: Int64 = 0
                var counted = false
                for mark in marks {
                    guard let committed = offsets[mark.partition], committed >= 0 else { continue }
                    lag += max(0, mark.high - committed)
                    counted = true
                }
                if counted { lags[topic, default: []].append(TopicGroupLag(group: group, lag: lag)) }
            }
        }
        let topics = current.watermarks.map { name, marks in
            var rate: Double?
            if elapsedMs > 0, let before = previous?.watermarks[name] {
                let earlier = Dictionary(before.map { ($0.partition, $0.high) }, uniquingKeysWith: max)
                let grown = marks.reduce(Int64(0)) { sum, m in sum + earlier[m.partition].map { max(0, m.high - $0) }.orZero }
                rate = Double(grown) * 1_000 / Double(elapsedMs)
            }
            return TopicStats(name: name, partitions: marks.count, messagesPerSecond: rate,
                              retained: marks.reduce(0) { $0 + $1.retained },
                              groups: (lags[name] ?? []).sorted { $0.group < $1.group })
        }
        self.init(topics: topics, measuredAtMs: current.takenAtMs, intervalMs: elapsedMs > 0 ? elapsedMs : nil,
                  error: current.groupsError)
    }

    /// The topics without the internal ones unless `includingInternal`.
    public func visible(includingInternal: Bool) -> [TopicStats] {
        includingInternal ? topics : topics.filter { !$0.isInternal }
    }
}

extension Optional where Wrapped == Int64 {
    fileprivate var orZero: Int64 { self ?? 0 }
}
