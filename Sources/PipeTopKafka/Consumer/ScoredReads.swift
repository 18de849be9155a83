import PipeTopCore

/// How much of each topic a source reads: every partition, except of a scored topic that
/// `[kafka] scored_read` (the contract's) or a `[[pipelines]]` entry's `scored_read` says to
/// sample or to leave to the summaries. A topic wanted for several things is read as widely as
/// the widest of them needs (`ScoredRead.widened`).
struct ScoredReads: Sendable {
    private var byTopic: [String: ScoredRead] = [:]
    /// The contract's scored topic, and each mapped pipeline's, for `coverage`.
    private var contractScored: String?
    private var pipelines: [(name: String, scored: String)] = []

    /// Every topic read whole.
    init() {}

    /// The contract's topics: its scored topic read as `scoredRead` says; pipelines are `add`ed.
    init(topics: TopicNames, scoredRead: ScoredRead) {
        contractScored = topics.scored
        // Topics that carry more than scored records are read whole.
        wholeTopics = [topics.metrics, topics.models, topics.control]
        byTopic = wholeTopics.contains(topics.scored) || scoredRead == .all ? [:] : [topics.scored: scoredRead]
    }

    /// The contract's topics and every pipeline of `options`.
    init(topics: TopicNames, options: KafkaSourceOptions) {
        self.init(topics: topics, scoredRead: options.scoredRead)
        for p in options.pipelines { add(p) }
    }

    /// Topics read whole whatever a pipeline's `scored_read` says.
    private var wholeTopics: [String] = []

    /// `pipeline`'s scored topic read as it says too (its models and labels topics whole).
    mutating func add(_ p: PipelineConfig) {
        let readBefore = p.scoredTopic == contractScored || pipelines.contains { $0.scored == p.scoredTopic }
        pipelines.append((p.name, p.scoredTopic))
        wholeTopics += [p.modelsTopic, p.labelsTopic].compactMap { $0 }
        // A topic read already is read as before, widened (one read whole is not in byTopic).
        byTopic[p.scoredTopic] = readBefore ? read(of: p.scoredTopic).widened(with: p.scoredRead) : p.scoredRead
        for name in wholeTopics { byTopic[name] = nil }
        byTopic = byTopic.filter { $0.value != .all }
    }

    /// How `topic` is read.
    func read(of topic: String) -> ScoredRead {
        byTopic[topic] ?? .all
    }

    /// Whether partition `partition` of `topic` is read.
    func reads(_ topic: String, partition: Int) -> Bool {
        read(of: topic).reads(partition: partition)
    }

    /// What the screens say about the scored topics, from their partition counts.
    func coverage(partitions: [String: Int]) -> ScoredCoverageMap {
        func of(_ topic: String) -> ScoredCoverage {
            let read = read(of: topic)
            let count = partitions[topic] ?? 0
            return ScoredCoverage(read: read, partitionsRead: read.partitionsRead(of: count), partitions: count)
        }
        var map = ScoredCoverageMap()
        if let contractScored, read(of: contractScored) != .all { map.contract = of(contractScored) }
        for p in pipelines { map.pipelines[p.name] = of(p.scored) }
        return map
    }
}
