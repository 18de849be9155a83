import CRdKafka
import PipeTopCore

/// Measures the lag of the consumer groups in `[kafka] lag_groups` for a `KafkaSource`, on its
/// consumer thread, without blocking it: every `interval` it asks the group coordinator for
/// each group's committed offsets (the admin ListConsumerGroupOffsets API, answered on a queue
/// of a client of its own that `step` polls without waiting: `CommittedOffsetsReader`), and
/// compares them with high watermarks. A round is sent once the last one is answered, or
/// abandoned after three intervals (a coordinator down) with the client that asked it.
///
/// Watermarks come from what librdkafka caches from fetch responses
/// (`rd_kafka_get_watermark_offsets`), so partitions the dashboard reads cost no request; a
/// partition it does not read (a pipeline's own input topic) is asked with ListOffsets, on the
/// source's `MeasuringClient` so that it does not wait behind the consumer's fetches, at most
/// once per measurement, at most `maxListOffsets` partitions a round and none after one fails,
/// so a slow cluster cannot hold the consumer thread for long; a partition left unread keeps
/// its last end (`GroupLagBook`), or is shown with none. (The test broker's ListOffsets
/// can count batches rather than records; its fetch responses carry the right watermark.)
final class KafkaLagProbe {
    private let client: KafkaClient
    /// Where ListOffsets go.
    private let measuring: MeasuringClient
    private let store: PipelineStore
    /// Group → the pipelines it is shown for.
    private var pipelines: [String: [String]]
    private let intervalMs: Int64
    private let offsets: CommittedOffsetsReader
    private let clock = SystemWallClock()
    private var nextMs: Int64 = 0
    private var sentMs: Int64 = 0
    /// How long a round usually takes at most (readings further apart are gaps).
    private static let roundMs: Int64 = 5_000
    /// ListOffsets requests left in this round of answers.
    private var listOffsetsBudget = 0
    /// The ends last read, kept for partitions whose end cannot be read in a round.
    private var book: GroupLagBook

    init(client: KafkaClient, measuring: MeasuringClient, store: PipelineStore, groups: [LagGroup], interval: Duration) {
        self.client = client
        self.measuring = measuring
        self.store = store
        pipelines = Dictionary(grouping: groups, by: \.group).mapValues { $0.map(\.pipeline) }
        intervalMs = max(100, interval.milliseconds)
        // Readings further apart than three rounds and a round's time mean rounds failed or
        // waited for a coordinator, and that time is no evidence.
        book = GroupLagBook(maxGapMs: 3 * intervalMs + Self.roundMs)
        offsets = CommittedOffsetsReader { () throws(KafkaError) in try client.measuringSibling() }
    }

    /// Measures `group` too, for `pipeline`, from the next round on.
    func add(_ group: LagGroup) {
        pipelines[group.group, default: []].append(group.pipeline)
    }

    /// Releases the client asking for the offsets; call before the consumer is destroyed.
    func close() {
        offsets.abandon()
    }

    /// Handles the answers that arrived, and sends the next round of requests when one is due
    /// and the last has been answered (or abandoned after three intervals).
    func step() {
        listOffsetsBudget = MeasuringClient.maxListOffsets
        while let answer = offsets.next(timeoutMs: 0) { handle(answer) }
        let now = clock.nowMs()
        guard now >= nextMs else { return }
        if offsets.isWaiting {
            guard now - sentMs > 3 * intervalMs else { return }
            offsets.abandon()
        }
        nextMs = now + intervalMs
        sentMs = now
        do {
            try offsets.ask(pipelines.keys.sorted())
        } catch {
            note("lag: \(error)")
        }
    }

    private func handle(_ answer: CommittedOffsets.GroupAnswer) {
        if let error = answer.error {
            note("lag of group \(answer.group): " + error)
            return
        }
        guard let lag = measure(answer.group, answer.offsets) else { return }
        for pipeline in pipelines[answer.group] ?? [] { store.record(lag, for: pipeline) }
    }

    /// The group's lag from its committed `offsets`; nil when it committed none (an unknown
    /// group), so the pipeline keeps the lag its instances report.
    private func measure(_ group: String, _ offsets: [String: [Int32: Int64]]) -> GroupLag? {
        // In order, so that rounds with ListOffsets to spare ask for the same partitions first.
        let committed = offsets.flatMap { topic, partitions in
            partitions.map { GroupLagBook.Committed(topic: topic, partition: $0.key, offset: $0.value) }
        }.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        return book.measure(group: group, committed: committed, nowMs: clock.nowMs()) { topic, partition in
            measuring.highWatermark(topic, partition, budget: &listOffsetsBudget)
        }
    }

    private func note(_ message: String) {
        client.events.log.append(level: 4, facility: "LAG", message: message)
    }
}
