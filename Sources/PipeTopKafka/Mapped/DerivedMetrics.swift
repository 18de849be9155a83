import PipeTopCore

/// Throughput of topic-mapped pipelines measured on Kafka itself, for pipelines that send no
/// `metrics` events (one whose own instances reported in the last 30 s is left to them):
/// every second, one contract `metrics` event per pipeline from an instance called `kafka`,
/// whose counters are high watermarks summed over partitions: records out the scored topic's,
/// records in the input topic's (the scored topic's when there is none: a record in, a record
/// out, and so while it does not exist), errors the errors topic's (none while it does not
/// exist). The store turns their deltas into rates as it does any instance's counters.
/// Counters that have not moved are reported again only every `quietIntervalMs` (rates then
/// fall to zero all the same), so an idle cluster of many pipelines costs the dashboard next
/// to nothing.
///
/// Watermarks come from librdkafka's cache (fetch responses) for partitions the source reads
/// (until a fetch has filled it, the pipeline waits: a watermark asked for and one cached need
/// not count alike); the others (input and errors topics, and the partitions of a scored topic
/// that is sampled or left to summaries, `scored_read`: the rates stay those of the whole
/// topic) are asked with ListOffsets, at most `maxListOffsets` partitions a round, none after
/// one fails until the next round, so a slow cluster cannot hold the consumer thread. They are
/// asked on the source's `MeasuringClient`: on the consumer's connections they would wait
/// behind its long-polling fetches and time out. A pipeline whose
/// topic has a partition without a known watermark is left out of that round rather than
/// reported short. (The test broker's ListOffsets counts batches rather than records; its fetch
/// responses carry the right watermark.)
final class DerivedMetrics {
    struct Pipeline {
        var name: String
        var scored: String
        var input: String?
        var errors: String?
    }

    static let instance = "kafka"
    /// Where watermarks are read and ListOffsets go.
    private let measuring: MeasuringClient
    private var pipelines: [Pipeline]
    /// The scored topics, which the source reads, and which of their partitions.
    private var read: Set<String>
    private var reads: ScoredReads
    private let clock = SystemWallClock()
    private var nextMs: Int64 = 0
    /// Each pipeline's last report: its counters and when.
    private var last: [String: (counters: [Int64], atMs: Int64)] = [:]
    private static let quietIntervalMs: Int64 = 5_000
    /// How recently a pipeline's own instances must have reported for it to go unmeasured here.
    private static let ownMetricsMs: Int64 = 30_000
    private static let intervalMs: Int64 = 1_000
    private static let retryMs: Int64 = 100

    init(measuring: MeasuringClient, pipelines: [Pipeline], reads: ScoredReads = ScoredReads()) {
        self.measuring = measuring
        self.pipelines = pipelines
        read = Set(pipelines.map(\.scored))
        self.reads = reads
    }

    /// Topics whose metadata (partition counts) the source needs without reading them.
    var unreadTopics: [String] { pipelines.flatMap { [$0.input, $0.errors].compactMap { $0 } } }

    /// Measures `pipeline` too from now on (a template's, found while the source runs), its
    /// scored topic read as `reads` says.
    func add(_ pipeline: Pipeline, reads: ScoredReads) {
        pipelines.append(pipeline)
        read.insert(pipeline.scored)
        self.reads = reads
    }

    /// Reports, when a second has passed since the last report; `partitions` are the topics'
    /// partition counts from the last metadata.
    func step(partitions: [String: Int], store: PipelineStore) {
        let now = clock.nowMs()
        guard now >= nextMs else { return }
        // Until a pipeline can be reported (its first fetch), look again soon, not a second later.
        nextMs = now + Self.retryMs
        var budget = MeasuringClient.maxListOffsets
        var sums: [String: Int64?] = [:]
        func sum(_ topic: String) -> Int64? {
            if let known = sums[topic] { return known }
            let total = highWatermarks(topic, partitions: partitions[topic] ?? 0, budget: &budget)
            sums[topic] = total
            return total
        }
        var events: [MetricsEvent] = []
        // A topic the cluster does not have (yet) counts as none: an errors topic is often
        // created by the first error.
        func existing(_ topic: String?) -> String? { topic.flatMap { partitions[$0] == nil ? nil : $0 } }
        for p in pipelines {
            guard let out = sum(p.scored) else { continue }
            let input = existing(p.input).map(sum) ?? out
            let errors = existing(p.errors).map(sum) ?? 0
            guard let input, let errors else { continue }
            let counters = [input, out, errors]
            if let previous = last[p.name], previous.counters == counters, now - previous.atMs < Self.quietIntervalMs { continue }
            last[p.name] = (counters, now)
            events.append(MetricsEvent(
                pipeline: p.name, tsMs: now, instance: Self.instance, stage: "topics",
                recordsIn: UInt64(input), recordsOut: UInt64(out), errors: UInt64(errors)))
        }
        // Reported, or known and quiet: the next round in a second.
        if !events.isEmpty || !last.isEmpty { nextMs = now + Self.intervalMs }
        guard !events.isEmpty else { return }
        store.withBatch { state, arrivalMs in
            // A pipeline that reports its own metrics is measured by them, not counted twice.
            for e in events where !state.hasOtherInstances(e.pipeline, than: Self.instance, sinceMs: arrivalMs - Self.ownMetricsMs) {
                state.ingest(.metrics(e), source: Self.instance, arrivalMs: arrivalMs)
            }
        }
    }

    /// The topic's high watermarks summed; nil when a partition's is not known (or the topic
    /// has no partitions yet). For a partition the source reads, only the cached watermark counts.
    private func highWatermarks(_ topic: String, partitions: Int, budget: inout Int) -> Int64? {
        guard partitions > 0 else { return nil }
        var total: Int64 = 0
        for partition in 0..<Int32(partitions) {
            let ask = !read.contains(topic) || !reads.reads(topic, partition: Int(partition))
            guard let high = measuring.highWatermark(topic, partition, ask: ask, budget: &budget) else { return nil }
            total = OffsetArithmetic.sum([total, high])
        }
        return total
    }
}
