/// How consumer groups' committed offsets move from one reading to the next: for each
/// partition, how long the group has been behind on it without committing past where it
/// stood (a consumer that stopped, or one stuck on a record, against one that is only slow:
/// Burrow's question), and for each group on a topic, how many records a second it consumes
/// and how fast its lag grows, over the last `windowMs`.
///
/// Lag alone cannot tell these apart: a scorer that died with 2,000 records behind looks
/// like a healthy one under load. Consumers commit every few seconds (librdkafka's
/// `auto.commit.interval.ms` is 5 s; Kafka Streams commits every 30 s), so both judgements
/// need readings over longer than that: rates wait for `minimumSpanMs`, and calling a
/// partition stalled is left to a threshold of a minute or so (`[alerts]
/// group_stalled_after`).
///
/// Time without readings is no evidence: a partition last read before readings failed
/// (`missed`), or longer ago than `maxGapMs` (the dashboard suspended, a broker down),
/// resumes its clock where it stood rather than counting the gap, so a group is not called
/// stalled because pipetop could not look, nor the moment the cluster answers again.
///
/// Memory is bounded by what the groups committed: an entry per group, topic and partition
/// seen in the last reading, and per group and topic at most `maxReadings` totals.
public struct CommitProgress: Sendable {
    /// A group's consumption of one topic over the window.
    public struct Rates: Sendable, Hashable {
        /// Records a second the group's committed offsets advanced.
        public var consumedPerSecond: Double
        /// Records a second its lag grew (negative: it is catching up).
        public var lagPerSecond: Double

        public init(consumedPerSecond: Double, lagPerSecond: Double) {
            self.consumedPerSecond = consumedPerSecond
            self.lagPerSecond = lagPerSecond
        }

        /// `catching up, ~3m` (at this pace) or `falling behind 120/s` for a group `lag`
        /// behind; nil when it is caught up or its lag moves by less than a tenth of what is
        /// produced: consumers commit every few seconds, so a lag that only wobbles says nothing.
        public func trend(lag: Int64) -> String? {
            guard lag > 0 else { return nil }
            let produced = max(0, consumedPerSecond + lagPerSecond)
            guard abs(lagPerSecond) >= max(1, produced / 10) else { return nil }
            if lagPerSecond > 0 { return "falling behind \(Format.rate(lagPerSecond))/s" }
            let seconds = Double(lag) / -lagPerSecond
            return "catching up, ~" + Format.duration(ms: Int64(min(seconds, 86_400 * 365) * 1_000))
        }
    }

    private struct PartitionKey: Hashable {
        var group: String
        var topic: String
        var partition: Int32
    }

    private struct GroupTopic: Hashable {
        var group: String
        var topic: String
    }

    private struct PartitionState {
        var committed: Int64
        /// Since when it has been behind without progress (nil: caught up, or its lag unknown).
        var behindSinceMs: Int64?
        var seenMs: Int64
    }

    private struct Total {
        var atMs: Int64
        var committed: Int64
        var high: Int64
        var partitions: Int
    }

    private struct Totals {
        /// Oldest first, at least `windowMs / maxReadings` apart.
        var readings: [Total] = []
        var seenMs: Int64 = 0
    }

    /// How far back rates look.
    public let windowMs: Int64
    /// The least time rates are measured over.
    public let minimumSpanMs: Int64
    /// Totals kept per group and topic.
    static let maxReadings = 32

    /// Readings further apart than this leave the time between them out (nil: none are).
    public let maxGapMs: Int64?

    /// Per group (nil: every group, as `track` reads them), since when it is followed and
    /// when it was last read: a group can be found stalled only once it has been followed
    /// for `group_stalled_after` (the cluster keeps no time of a commit).
    private var followed: [String?: (sinceMs: Int64, lastMs: Int64)] = [:]
    /// When a reading last failed.
    private var missedAtMs: Int64?
    private var partitions: [PartitionKey: PartitionState] = [:]
    private var totals: [GroupTopic: Totals] = [:]

    public init(windowMs: Int64 = 60_000, minimumSpanMs: Int64 = 10_000, maxGapMs: Int64? = nil) {
        self.windowMs = windowMs
        self.minimumSpanMs = minimumSpanMs
        self.maxGapMs = maxGapMs
    }

    /// Notes that a reading failed at `atMs`: the time since each partition's last reading
    /// is left out when it is read again.
    public mutating func missed(atMs: Int64) {
        missedAtMs = atMs
    }

    /// Notes a reading of `group` (nil: of every group) at `atMs` and returns since when it
    /// is followed: its first reading, moved on by the gaps left out.
    public mutating func follow(group: String?, atMs: Int64) -> Int64 {
        var since = atMs
        if let f = followed[group] {
            since = unobserved(since: f.lastMs, until: atMs) ? f.sinceMs + (atMs - f.lastMs) : f.sinceMs
        }
        followed[group] = (since, atMs)
        return since
    }

    /// How long a group followed since `followedSinceMs` (nil: not followed) has yet to be
    /// followed at `atMs` before it can be found stalled after `stalledAfterMs`; nil once it can.
    public static func stallsUnjudgedForMs(followedSinceMs: Int64?, atMs: Int64, stalledAfterMs: Int64) -> Int64? {
        guard let since = followedSinceMs else { return nil }
        let left = stalledAfterMs - (atMs - since)
        return left > 0 ? left : nil
    }

    /// Whether the time between a reading at `seenMs` and one at `atMs` is left out.
    private func unobserved(since seenMs: Int64, until atMs: Int64) -> Bool {
        if let gap = maxGapMs, atMs - seenMs > gap { return true }
        if let missed = missedAtMs, seenMs < missed { return true }
        return false
    }

    /// Notes `group`'s `committed` offset on a partition whose lag is `lag` (nil: its end is
    /// unknown) at `atMs`, and returns how long the group has been behind there without
    /// committing past where it stands: 0 when it just moved, or was first seen behind; nil
    /// when it is caught up or its lag is unknown.
    public mutating func partition(group: String, topic: String, partition: Int32, committed: Int64, lag: Int64?,
                                   atMs: Int64) -> Int64? {
        let key = PartitionKey(group: group, topic: topic, partition: partition)
        let before = partitions[key]
        let moved = before.map { $0.committed != committed } ?? true
        // Behind since then, by the clock of the readings (a gap left out moves it on).
        let kept = before.flatMap { b in
            b.behindSinceMs.map { unobserved(since: b.seenMs, until: atMs) ? $0 + (atMs - b.seenMs) : $0 }
        }
        let since: Int64?
        switch lag {
        case nil: since = moved ? nil : kept
        case 0?: since = nil
        default: since = moved ? atMs : kept ?? atMs
        }
        partitions[key] = PartitionState(committed: committed, behindSinceMs: since, seenMs: atMs)
        return since.map { atMs - $0 }
    }

    /// Notes `group`'s offsets on `topic` summed over the `partitionCount` partitions it
    /// committed on (`committed`, and their ends `high`) at `atMs`, and returns its rates over
    /// the window; nil until the readings span `minimumSpanMs`. A sum that went down (offsets
    /// reset, the topic created again) or a different set of partitions starts the readings over.
    public mutating func rates(group: String, topic: String, committed: Int64, high: Int64, partitionCount: Int,
                               atMs: Int64) -> Rates? {
        let key = GroupTopic(group: group, topic: topic)
        var t = totals[key] ?? Totals()
        let now = Total(atMs: atMs, committed: committed, high: high, partitions: partitionCount)
        if let last = t.readings.last, committed < last.committed || high < last.high || partitionCount != last.partitions || atMs < last.atMs {
            t.readings.removeAll()
        }
        if t.readings.last.map({ atMs - $0.atMs >= windowMs / Int64(Self.maxReadings) }) ?? true {
            t.readings.append(now)
        }
        // The oldest kept is the last one at least a window old: rates span the whole window.
        while t.readings.count > 1, t.readings[1].atMs <= atMs - windowMs { t.readings.removeFirst() }
        if t.readings.count > Self.maxReadings { t.readings.removeFirst() }
        t.seenMs = atMs
        totals[key] = t
        guard let first = t.readings.first, atMs - first.atMs >= minimumSpanMs else { return nil }
        let seconds = Double(atMs - first.atMs) / 1_000
        // (Wrapping: sums of offsets a hostile broker reports must not trap; real ones are far from it.)
        let consumed = Double(committed &- first.committed) / seconds
        return Rates(consumedPerSecond: consumed, lagPerSecond: Double(high &- first.high) / seconds - consumed)
    }

    /// Forgets what was not noted at `atMs` or later (a group deleted, a partition it no
    /// longer commits on), of `group` only when one is given.
    public mutating func forget(notSeenSince atMs: Int64, group: String? = nil) {
        func kept(_ seenMs: Int64, _ owner: String) -> Bool { seenMs >= atMs || (group != nil && owner != group) }
        partitions = partitions.filter { kept($0.value.seenMs, $0.key.group) }
        totals = totals.filter { kept($0.value.seenMs, $0.key.group) }
        followed = followed.filter { $0.key == nil || kept($0.value.lastMs, $0.key!) }
    }

    /// Partitions tracked (for tests).
    var trackedPartitions: Int { partitions.count }
}

extension CommitProgress {
    /// Notes every group's offsets in `snapshot` (one reading, at its `measuredAtMs`) and
    /// fills in how long each has been behind per partition, its rates and since when the
    /// groups are followed; forgets the groups and partitions it no longer has.
    public mutating func track(_ snapshot: inout TopicsSnapshot) {
        let atMs = snapshot.measuredAtMs
        snapshot.groupsFollowedSinceMs = follow(group: nil, atMs: atMs)
        for t in snapshot.topics.indices {
            let highs = Dictionary(snapshot.topics[t].partitionStats.map { ($0.partition, $0.offsets.high) }, uniquingKeysWith: max)
            let name = snapshot.topics[t].name
            for g in snapshot.topics[t].groups.indices {
                var group = snapshot.topics[t].groups[g]
                var committed: Int64 = 0
                var high: Int64 = 0
                for i in group.partitions.indices {
                    let p = group.partitions[i]
                    group.partitions[i].behindForMs = partition(group: group.group, topic: name, partition: p.partition,
                                                                committed: p.committed, lag: p.lag, atMs: atMs)
                    committed &+= p.committed
                    high &+= highs[p.partition] ?? p.committed &+ p.lag
                }
                group.rates = rates(group: group.group, topic: name, committed: committed, high: high,
                                    partitionCount: group.partitions.count, atMs: atMs)
                snapshot.topics[t].groups[g] = group
            }
        }
        forget(notSeenSince: atMs)
    }
}
