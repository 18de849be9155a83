import CRdKafka
import PipeTopCore

/// Reads the configuration of the topics a `KafkaSource` reads, on its consumer thread without
/// blocking it: one DescribeConfigs for those the metadata has seen, then again every
/// `interval` (a topic's configuration can change), answered on a queue of its own that
/// `step` polls without waiting. It keeps each topic's `min.insync.replicas` (for
/// `AcksAllRefusal`, judged against every metadata refresh) and says of each models topic
/// whether it keeps every version (`ModelsTopicRetention`, a warning alert). A broker that
/// refuses DescribeConfigs (no `DESCRIBE_CONFIGS` permission) leaves a line in the log and
/// neither.
final class KafkaTopicSettingsProbe {
    private let client: KafkaClient
    private let store: PipelineStore
    private let monitor: KafkaSourceMonitor
    private var topics: [String]
    private var modelsTopics: Set<String>
    private let intervalMs: Int64
    private let queue: OpaquePointer
    private let clock = SystemWallClock()
    private var nextMs: Int64 = 0
    private var sentMs: Int64 = 0
    /// The topics asked about in the request not answered yet.
    private var asked: [String]?
    private static let requestTimeoutMs: Int32 = 10_000
    /// `min.insync.replicas` of each topic whose configuration says it.
    private(set) var minInSync: [String: Int] = [:]
    /// Answers handled so far: a new one is worth judging the metadata against at once.
    private(set) var answers = 0

    init(client: KafkaClient, store: PipelineStore, monitor: KafkaSourceMonitor, topics: [String], modelsTopics: [String],
         interval: Duration) {
        self.client = client
        self.store = store
        self.monitor = monitor
        self.topics = Array(Set(topics + modelsTopics)).sorted()
        self.modelsTopics = Set(modelsTopics)
        intervalMs = max(1_000, interval.milliseconds)
        queue = rd_kafka_queue_new(client.handle)
    }

    /// Reads the settings of `topics` (and says of `modelsTopics` whether they keep every
    /// version) too, from the next check on, which is due at once.
    func add(topics more: [String], modelsTopics moreModels: [String]) {
        let all = Set(topics + more + moreModels)
        guard all.count > topics.count || !Set(moreModels).isSubset(of: modelsTopics) else { return }
        topics = all.sorted()
        modelsTopics.formUnion(moreModels)
        nextMs = 0
    }

    /// Releases the result queue; call before the client is destroyed.
    func close() {
        while let event = rd_kafka_queue_poll(queue, 0) { rd_kafka_event_destroy(event) }
        rd_kafka_queue_destroy(queue)
    }

    /// Handles an answer that arrived, and asks about the topics of `existing` (the partition
    /// counts of the last metadata) when a check is due.
    func step(existing: [String: Int]) {
        while let event = rd_kafka_queue_poll(queue, 0) {
            handle(event, topics: asked ?? [])
            rd_kafka_event_destroy(event)
            asked = nil
        }
        let now = clock.nowMs()
        guard now >= nextMs, asked == nil || now - sentMs > 2 * Int64(Self.requestTimeoutMs) else { return }
        let present = topics.filter { existing[$0] != nil }
        // Not in the metadata yet: asked as soon as they are.
        guard !present.isEmpty else { return }
        nextMs = now + intervalMs
        sentMs = now
        asked = present
        TopicConfigs.request(client, topics: present, timeoutMs: Self.requestTimeoutMs, queue: queue)
    }

    private func handle(_ event: OpaquePointer, topics: [String]) {
        let (settings, errors) = TopicConfigs.read(event, topics: topics)
        for (topic, entries) in settings {
            minInSync[topic] = entries.first { $0.name == "min.insync.replicas" }?.value.flatMap { Int($0) }
            if modelsTopics.contains(topic) {
                store.recordWarning(ModelsTopicRetention.warning(topic: topic, settings: entries), topic: topic, kind: .retention)
            }
        }
        for (topic, error) in errors.sorted(by: { $0.key < $1.key }) {
            client.events.log.append(level: 4, facility: "SETTINGS", message: "configuration of \(topic): \(error)")
        }
        answers += 1
        monitor.update { $0.statistics.settingsChecks += 1 }
    }
}
