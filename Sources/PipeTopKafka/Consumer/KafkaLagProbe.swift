import CRdKafka
import PipeTopCore

/// Measures the lag of the consumer groups in `[kafka] lag_groups` for a `KafkaSource`, on its
/// consumer thread, without blocking it: every `interval` it asks the group coordinator for
/// each group's committed offsets (the admin ListConsumerGroupOffsets API, answered on a queue
/// of its own that `step` polls without waiting), and compares them with high watermarks.
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
    private let pipelines: [String: [String]]
    private let intervalMs: Int64
    private let queue: OpaquePointer
    private let clock = SystemWallClock()
    private var outstanding = 0
    private var nextMs: Int64 = 0
    private var sentMs: Int64 = 0
    /// How long one request may take, and how long ListOffsets may block for an unread partition.
    private static let requestTimeoutMs: Int32 = 5_000
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
        // A round is sent every interval and abandoned after three; readings further apart
        // than that and a request's time mean rounds failed, and that time is no evidence.
        book = GroupLagBook(maxGapMs: 3 * intervalMs + Int64(Self.requestTimeoutMs))
        queue = rd_kafka_queue_new(client.handle)
    }

    /// Releases the result queue; call before the client is destroyed.
    func close() {
        while let event = rd_kafka_queue_poll(queue, 0) { rd_kafka_event_destroy(event) }
        rd_kafka_queue_destroy(queue)
    }

    /// Handles the answers that arrived, and sends the next round of requests when one is due
    /// and the last has been answered (or abandoned after three intervals).
    func step() {
        listOffsetsBudget = MeasuringClient.maxListOffsets
        while let event = rd_kafka_queue_poll(queue, 0) {
            handle(event)
            rd_kafka_event_destroy(event)
            outstanding = max(0, outstanding - 1)
        }
        let now = clock.nowMs()
        guard now >= nextMs, outstanding == 0 || now - sentMs > 3 * intervalMs else { return }
        nextMs = now + intervalMs
        sentMs = now
        let groups = pipelines.keys.sorted()
        CommittedOffsets.request(client, groups: groups, timeoutMs: Self.requestTimeoutMs, queue: queue)
        outstanding = groups.count
    }

    private func handle(_ event: OpaquePointer) {
        let (failure, answers) = CommittedOffsets.answers(event)
        if let failure { note("lag: " + failure) }
        for a in answers {
            if let error = a.error {
                note("lag of group \(a.group): " + error)
                continue
            }
            guard let lag = measure(a.group, a.offsets) else { continue }
            for pipeline in pipelines[a.group] ?? [] { store.record(lag, for: pipeline) }
        }
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
