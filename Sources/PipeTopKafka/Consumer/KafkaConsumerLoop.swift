import CRdKafka
import PipeTopCore

/// The consumer thread of a `KafkaSource`: assigns every partition of the topics from
/// metadata, takes messages from librdkafka's consumer queue in batches and ingests each batch
/// into the store under one lock, decoding every value in place (nothing allocated per message).
///
/// It owns the client: everything here runs on the one thread, which destroys the client
/// when `run` returns.
final class KafkaConsumerLoop {
    private let client: KafkaClient
    private let store: PipelineStore
    private let monitor: KafkaSourceMonitor
    private let options: KafkaSourceOptions
    private let clock = SystemWallClock()
    /// The consumer queue, where messages and (after `rd_kafka_poll_set_consumer`) errors arrive.
    private let queue: OpaquePointer
    /// Topic handles, so metadata requests ask about these topics only.
    private let topicHandles: [OpaquePointer]
    private var assignment: PartitionAssignment
    private var ingestor = MessageIngestor()
    private let batch: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>
    /// Message topic handle → source name (the topic name), so finding a message's source
    /// costs a pointer comparison, not a string.
    private var sourceNames: [(handle: OpaquePointer, name: String)] = []
    private var nextMetadataMs: Int64 = 0
    private var brokersDownSeen: UInt64 = 0
    /// Measures `[kafka] lag_groups`; nil when none are configured.
    private let lagProbe: KafkaLagProbe?
    /// Topic-mapped pipelines, and which of them read each of their topics, as what.
    private var mapped: [MappedPipelineReader]
    private let routes: [String: [(reader: Int, role: TopicMapping.Role)]]
    /// Rates of the mapped pipelines from watermarks; nil when there are none.
    private let derived: DerivedMetrics?
    /// Partition counts from the last metadata.
    private var partitionCounts: [String: Int] = [:]
    /// The four contract topics: missing ones are worth a warning only when no mapped
    /// pipeline is configured (a cluster of foreign pipelines has none of them).
    private let contractTopics: Set<String>

    init(client: KafkaClient, store: PipelineStore, monitor: KafkaSourceMonitor, topics: TopicNames, options: KafkaSourceOptions,
         mapped: [MappedPipelineReader] = []) {
        self.client = client
        self.store = store
        self.monitor = monitor
        self.options = options
        self.mapped = mapped
        rd_kafka_poll_set_consumer(client.handle)
        queue = rd_kafka_queue_get_consumer(client.handle)!
        var wanted = Topic.allCases.map { (name: topics.name(of: $0), start: options.start(for: $0)) }
        contractTopics = Set(wanted.map(\.name))
        var routes: [String: [(reader: Int, role: TopicMapping.Role)]] = [:]
        for (i, reader) in mapped.enumerated() {
            for (name, role) in reader.topics {
                routes[name, default: []].append((i, role))
                // Models from the beginning (every version), scored and labels as contract scored.
                if !wanted.contains(where: { $0.name == name }) {
                    wanted.append((name, role == .models ? .beginning : options.start(for: .scored)))
                }
            }
        }
        self.routes = routes
        let reads = ScoredReads(topics: topics, options: options)
        derived = mapped.isEmpty ? nil : DerivedMetrics(client: client, pipelines: mapped.map {
            DerivedMetrics.Pipeline(name: $0.config.name, scored: $0.config.scoredTopic, input: $0.config.inputTopic, errors: $0.config.errorsTopic)
        }, reads: reads)
        assignment = PartitionAssignment(wanted: wanted, reads: reads)
        // Handles for the topics only measured too, so metadata counts their partitions.
        let measured = (derived?.unreadTopics ?? []).filter { name in !wanted.contains { $0.name == name } }
        topicHandles = (wanted.map(\.name) + Set(measured).sorted()).compactMap { rd_kafka_topic_new(client.handle, $0, nil) }
        batch = .allocate(capacity: max(1, options.batchSize))
        lagProbe = options.lagGroups.isEmpty ? nil
            : KafkaLagProbe(client: client, store: store, groups: options.lagGroups, interval: options.lagInterval)
    }

    deinit {
        batch.deallocate()
    }

    /// Consumes until `keepRunning` says no, then releases every librdkafka resource.
    func run(while keepRunning: () -> Bool) {
        let pollMs = Int32(clamping: options.pollTimeout.milliseconds)
        while keepRunning() {
            let now = clock.nowMs()
            if now >= nextMetadataMs { refresh(now: now) }
            // Take what is queued without waiting; only when nothing is, wait for one message.
            // (A batch call waits its whole timeout unless the array fills, which would hold a
            // trickle of events back for up to `pollTimeout`.)
            var n = rd_kafka_consume_batch_queue(queue, 0, batch, options.batchSize)
            if n == 0 { n = rd_kafka_consume_batch_queue(queue, pollMs, batch, 1) }
            if n > 0 { ingest(count: n) }
            noteBrokersDown()
            lagProbe?.step()
            derived?.step(partitions: partitionCounts, store: store)
            if let fatal = client.fatalError {
                monitor.disconnected(reason: fatal, retryAtMs: Int64.max)
                break
            }
        }
        monitor.update { $0.connection = .stopped }
        lagProbe?.close()
        derived?.close()
        for handle in topicHandles { rd_kafka_topic_destroy(handle) }
        rd_kafka_queue_destroy(queue)
        client.destroy()
    }

    /// Fetches metadata; on success assigns new partitions and marks the source connected,
    /// on failure marks it disconnected until the next probe.
    private func refresh(now: Int64) {
        let timeoutMs = Int32(clamping: options.metadataTimeout.milliseconds)
        let metadata: [String: Int]
        do {
            metadata = try client.partitionCounts(allTopics: false, timeoutMs: timeoutMs)
        } catch {
            let retryMs = options.retryInterval.milliseconds
            nextMetadataMs = clock.nowMs() + retryMs
            monitor.disconnected(
                reason: error.description, cause: client.events.snapshot.securityFailure, retryAtMs: nextMetadataMs)
            return
        }
        partitionCounts = metadata
        let current = assignment.assigned
        let added = assignment.additions(from: metadata)
        if !added.isEmpty {
            do {
                try client.assign(current: current, added: added, timeoutMs: timeoutMs)
            } catch {
                client.events.log.append(level: 3, facility: "ASSIGN", message: error.description)
                monitor.update { $0.statistics.lastError = error.description }
            }
        }
        nextMetadataMs = clock.nowMs() + options.metadataRefresh.milliseconds
        brokersDownSeen = client.events.snapshot.allBrokersDown
        let partitions = assignment.partitionCount
        let coverage = assignment.coverage
        let missing = assignment.missingTopics.filter { mapped.isEmpty || !contractTopics.contains($0) || routes[$0] != nil }
        monitor.update {
            $0.connection = .connected
            $0.statistics.metadataRefreshes += 1
            $0.statistics.partitions = partitions
            $0.statistics.missingTopics = missing
            $0.statistics.scoredCoverage = coverage
        }
    }

    /// librdkafka said every broker is down: show it at once and probe again after the retry interval.
    private func noteBrokersDown() {
        let events = client.events.snapshot
        guard events.allBrokersDown != brokersDownSeen else { return }
        brokersDownSeen = events.allBrokersDown
        nextMetadataMs = clock.nowMs() + options.retryInterval.milliseconds
        monitor.disconnected(
            reason: events.lastError ?? "all brokers down", cause: events.securityFailure, retryAtMs: nextMetadataMs)
    }

    /// Ingests the `count` messages in `batch` under one store lock and frees them.
    private func ingest(count n: Int) {
        var errors = 0
        var bytes = 0
        var good = 0
        store.withBatch { state, now in
            for i in 0..<n {
                let message = batch[i]!
                guard message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    errors += 1
                    continue
                }
                let length = message.pointee.payload == nil ? 0 : message.pointee.len
                bytes += length
                good += 1
                let topic = sourceName(message.pointee.rkt)
                if let readers = routes[topic] {
                    let view = KafkaMessage(message, topic: topic, position: KafkaTopicReader.Position(message))
                    for r in readers { mapped[r.reader].ingest(view, as: r.role, into: &state, arrivalMs: now) }
                    continue
                }
                ingestor.ingest(
                    UnsafeRawBufferPointer(start: message.pointee.payload, count: length), into: &state,
                    source: topic, arrivalMs: now)
            }
        }
        var lastError: String?
        if errors > 0 {
            for i in 0..<n where batch[i]!.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                let text = errorText(batch[i]!)
                client.events.log.append(level: 4, facility: "CONSUME", message: text)
                lastError = text
            }
        }
        for i in 0..<n { rd_kafka_message_destroy(batch[i]) }
        monitor.update {
            if good > 0 { $0.connection = .connected }
            $0.statistics.messages += UInt64(good)
            $0.statistics.bytes += UInt64(bytes)
            $0.statistics.batches += 1
            $0.statistics.consumerErrors += UInt64(errors)
            if let lastError { $0.statistics.lastError = lastError }
        }
    }

    /// The source name (topic name) of messages from topic handle `rkt`.
    private func sourceName(_ rkt: OpaquePointer?) -> String {
        guard let rkt else { return "kafka" }
        for entry in sourceNames where entry.handle == rkt { return entry.name }
        let name = String(cString: rd_kafka_topic_name(rkt))
        sourceNames.append((rkt, name))
        return name
    }

    private func errorText(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> String {
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
        return "\(topic)[\(message.pointee.partition)]: " + String(cString: rd_kafka_message_errstr(message))
    }
}
