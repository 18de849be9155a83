import PipeTopCore

/// Which partitions a source reads, grown from metadata: every partition of each wanted topic
/// that `reads` says to read (all of them, unless a scored topic is sampled or left to the
/// summaries), never fewer (a topic missing from one metadata response, e.g. while a broker
/// restarts, keeps its partitions; librdkafka retries their fetches).
///
/// Topics present in the first metadata that arrives start at their configured position;
/// topics and partitions that appear later hold only records written since, so they start at
/// the beginning. Partitions whose assignment failed are handed out again, with the same
/// start, by the next `additions` (not left unread until a restart).
struct PartitionAssignment: Sendable {
    /// Topic name → start position, for the topics wanted.
    private(set) var wanted: [(name: String, start: StartPosition)]
    /// Which partitions of each topic are read.
    private(set) var reads: ScoredReads
    /// Topics wanted after the first metadata (`want`) whose partitions have not come yet:
    /// they start at their own position, not at the beginning.
    private var late: Set<String> = []
    /// Partitions known per topic name (read or not).
    private(set) var counts: [String: Int] = [:]
    private var sawMetadata = false
    /// Handed out by `additions` but not assigned (`assignmentFailed`): handed out again next time.
    private(set) var unassigned: [PartitionStart] = []

    init(wanted: [(name: String, start: StartPosition)], reads: ScoredReads = ScoredReads()) {
        self.wanted = wanted
        self.reads = reads
    }

    /// Everything assigned, with each topic's own start position.
    var assigned: [PartitionStart] {
        wanted.flatMap { topic in
            (0..<(counts[topic.name] ?? 0)).filter { p in
                reads.reads(topic.name, partition: p) && !unassigned.contains { $0.topic == topic.name && $0.partition == Int32(p) }
            }
            .map { PartitionStart(topic: topic.name, partition: Int32($0), start: topic.start) }
        }
    }

    /// Partitions assigned.
    var partitionCount: Int {
        wanted.reduce(0) { $0 + reads.read(of: $1.name).partitionsRead(of: counts[$1.name] ?? 0) } - unassigned.count
    }

    /// Wanted topics the cluster did not report so far (a topic left to summaries is not wanted for reading).
    var missingTopics: [String] {
        wanted.map(\.name).filter { counts[$0] == nil && reads.read(of: $0) != .summaries }
    }

    /// What is read of the scored topics, for the screens.
    var coverage: ScoredCoverageMap { reads.coverage(partitions: counts) }

    /// Records `metadata` (topic → partition count) and returns the partitions to add (those
    /// whose assignment failed first), empty when nothing changed.
    mutating func additions(from metadata: [String: Int]) -> [PartitionStart] {
        let first = !sawMetadata
        sawMetadata = true
        var added = unassigned
        unassigned = []
        for topic in wanted {
            guard let count = metadata[topic.name] else { continue }
            let have = counts[topic.name] ?? 0
            guard count > have else { continue }
            let start = first || late.remove(topic.name) != nil ? topic.start : StartPosition.beginning
            for p in have..<count where reads.reads(topic.name, partition: p) {
                added.append(PartitionStart(topic: topic.name, partition: Int32(p), start: start))
            }
            counts[topic.name] = count
        }
        return added
    }

    /// Reads `name` too from now on, from `start` (a mapped pipeline found while the source
    /// runs: its topics may have records already); false when it was wanted already.
    mutating func want(_ name: String, start: StartPosition) -> Bool {
        guard !wanted.contains(where: { $0.name == name }) else { return false }
        wanted.append((name, start))
        if sawMetadata { late.insert(name) }
        return true
    }

    /// The scored topic of `pipeline` (found while the source runs) is read as it says.
    mutating func add(_ pipeline: PipelineConfig) {
        reads.add(pipeline)
    }

    /// `partitions`, handed out by `additions`, could not be assigned: the next `additions`
    /// hands them out again.
    mutating func assignmentFailed(_ partitions: [PartitionStart]) {
        unassigned += partitions
    }
}
