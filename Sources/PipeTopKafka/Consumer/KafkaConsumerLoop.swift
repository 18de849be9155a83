import CRdKafka
import PipeTopCore

/// The consumer thread of a `KafkaSource`: assigns every partition of the topics from
/// metadata, takes messages from librdkafka's consumer queue in batches and ingests them,
/// decoding every value in place (nothing allocated per message).
///
/// With a store of several shards, the contract topics' partitions are spread over as many
/// `KafkaIngestWorker`s (partition n of each topic to worker n mod shards), each a consumer of
/// its own read on its own thread, made when its first partition comes, so there are never
/// more workers than partitions; this thread keeps the topic-mapped pipelines' topics (a
/// mapped reader keeps state of its own), metadata, assignments and librdkafka's errors, and
/// reads a worker's partitions itself when the worker's consumer cannot be made.
///
/// It owns the client: everything else here runs on the one thread, which stops the workers
/// and destroys the client when `run` returns.
final class KafkaConsumerLoop {
    private let client: KafkaClient
    private let store: PipelineStore
    private let monitor: KafkaSourceMonitor
    private let options: KafkaSourceOptions
    private let clock = SystemWallClock()
    /// The consumer queue, where messages and (after `rd_kafka_poll_set_consumer`) errors arrive.
    private let queue: OpaquePointer
    /// Topic handles, so metadata requests ask about these topics only, and their names.
    private var topicHandles: [OpaquePointer] = []
    private var handled: Set<String> = []
    private var assignment: PartitionAssignment
    private var reader: KafkaQueueIngest
    /// The ingest workers by slot (one slot per shard when the store has more than one), made
    /// as partitions come to them.
    private var workers: [Int: KafkaIngestWorker] = [:]
    private let workerSlots: Int
    /// The partitions this thread's client reads.
    private var ownAssigned: [PartitionStart] = []
    private var nextMetadataMs: Int64 = 0
    private var brokersDownSeen: UInt64 = 0
    /// Measures `[kafka] lag_groups`; nil when none are configured.
    private var lagProbe: KafkaLagProbe?
    /// Reads the topics' configuration: whether the models topics keep every version, and
    /// each topic's min.insync.replicas.
    private let settingsProbe: KafkaTopicSettingsProbe
    /// Topic-mapped pipelines, and which of them read each of their topics, as what.
    private var mapped: [MappedPipelineReader]
    private var routes: [String: [(reader: Int, role: TopicMapping.Role)]]
    /// Rates of the mapped pipelines from watermarks; nil when there are none.
    private var derived: DerivedMetrics?
    /// The registry client of the mapped pipelines, for those found while running.
    private let schemas: (any SchemaSource)?
    /// When the cluster's topics are next looked through for `options.templates`' pipelines.
    private var nextDiscoveryMs: Int64 = 0
    /// Pipelines of templates that could not be set up (said once in the log, not tried again).
    private var refused: Set<String> = []
    /// Where the lag probe's and the derived metrics' ListOffsets go.
    private let measuring: MeasuringClient
    /// Partition counts from the last metadata.
    private var partitionCounts: [String: Int] = [:]
    /// Where the partitions of the topics read were in the last metadata.
    private var placements: [String: [Int32: PartitionPlacement]] = [:]
    /// Topics with partitions without a leader or refusing acks=all when last judged.
    private var troubledTopics: Set<String> = []
    /// The four contract topics: missing ones are worth a warning only when no mapped
    /// pipeline is configured (a cluster of foreign pipelines has none of them).
    private let contractTopics: Set<String>

    init(client: KafkaClient, store: PipelineStore, monitor: KafkaSourceMonitor, topics: TopicNames, options: KafkaSourceOptions,
         mapped: [MappedPipelineReader] = [], schemas: (any SchemaSource)? = nil) {
        self.client = client
        self.store = store
        self.monitor = monitor
        self.options = options
        self.schemas = schemas
        rd_kafka_poll_set_consumer(client.handle)
        queue = rd_kafka_queue_get_consumer(client.handle)!
        let wanted = Topic.allCases.map { (name: topics.name(of: $0), start: options.start(for: $0)) }
        contractTopics = Set(wanted.map(\.name))
        self.mapped = []
        routes = [:]
        measuring = MeasuringClient(consumer: client)
        assignment = PartitionAssignment(wanted: wanted, reads: ScoredReads(topics: topics, scoredRead: options.scoredRead))
        reader = KafkaQueueIngest(batchSize: options.batchSize, shards: store.shardCount, thread: 0)
        workerSlots = store.shardCount > 1 ? store.shardCount : 0
        lagProbe = options.lagGroups.isEmpty ? nil
            : KafkaLagProbe(client: client, measuring: measuring, store: store, groups: options.lagGroups, interval: options.lagInterval)
        settingsProbe = KafkaTopicSettingsProbe(client: client, store: store, monitor: monitor, topics: wanted.map(\.name),
                                                modelsTopics: [topics.name(of: .models)], interval: options.settingsCheckInterval)
        handle(wanted.map(\.name))
        // The mapped pipelines given at start are read as those found later are.
        for reader in mapped { adopt(reader) }
    }

    /// Topic handles for those of `names` that have none yet.
    private func handle(_ names: [String]) {
        for name in names where handled.insert(name).inserted {
            if let h = rd_kafka_topic_new(client.handle, name, nil) { topicHandles.append(h) }
        }
    }

    /// Consumes until `keepRunning` says no, then releases every librdkafka resource.
    func run(while keepRunning: () -> Bool) {
        let pollMs = Int32(clamping: options.pollTimeout.milliseconds)
        while keepRunning() {
            let now = clock.nowMs()
            if now >= nextMetadataMs { refresh(now: now) }
            reader.poll(queue, pollMs: pollMs, into: store, monitor: monitor, log: client.events.log) { topic, message in
                divert(topic, message)
            }
            noteBrokersDown()
            lagProbe?.step()
            let answers = settingsProbe.answers
            settingsProbe.step(existing: partitionCounts)
            // New settings (min.insync.replicas): the last metadata judged again now, without
            // asking for more.
            if settingsProbe.answers != answers { judge(placements) }
            derived?.step(partitions: partitionCounts, store: store)
            measuring.poll()
            if let fatal = client.fatalError {
                monitor.disconnected(reason: fatal, retryAtMs: Int64.max)
                break
            }
        }
        monitor.update { $0.connection = .stopped }
        for worker in workers.values { worker.stop() }
        reader.deallocate()
        lagProbe?.close()
        settingsProbe.close()
        measuring.close()
        for handle in topicHandles { rd_kafka_topic_destroy(handle) }
        rd_kafka_queue_destroy(queue)
        client.destroy()
    }

    /// Says which of the topics read have partitions without a leader or refusing acks=all
    /// (by `min.insync.replicas`, once the settings probe has read it), as alerts on them; a
    /// topic no longer in `placements` (deleted) takes its alerts with it.
    private func judge(_ placements: [String: [Int32: PartitionPlacement]]) {
        var troubled: Set<String> = []
        for (topic, partitions) in placements {
            let leaderless = LeaderlessPartitions.warning(topic: topic, placements: partitions)
            let acksAll = settingsProbe.minInSync[topic].flatMap { AcksAllRefusal.warning(placements: partitions, minInSync: $0) }
            if leaderless != nil || acksAll != nil { troubled.insert(topic) }
            store.recordWarning(leaderless, topic: topic, kind: .leaderless)
            store.recordWarning(acksAll, topic: topic, kind: .acksAll)
        }
        for topic in troubledTopics.subtracting(troubled) where placements[topic] == nil {
            store.recordWarning(nil, topic: topic, kind: .leaderless)
            store.recordWarning(nil, topic: topic, kind: .acksAll)
        }
        troubledTopics = troubled
    }

    /// Fetches metadata; on success assigns new partitions, judges the topics' partitions
    /// (`judge`), and marks the source connected; on failure marks it disconnected until the
    /// next probe.
    private func refresh(now: Int64) {
        let timeoutMs = Int32(clamping: options.metadataTimeout.milliseconds)
        let metadata: [String: Int]
        do {
            let cluster = try client.metadata(allTopics: false, timeoutMs: timeoutMs)
            metadata = cluster.topics.mapValues(\.count)
            placements = cluster.topics
            judge(placements)
        } catch {
            let retryMs = options.retryInterval.milliseconds
            nextMetadataMs = clock.nowMs() + retryMs
            monitor.disconnected(
                reason: error.description, cause: client.events.snapshot.securityFailure, retryAtMs: nextMetadataMs)
            return
        }
        partitionCounts = metadata
        let added = assignment.additions(from: metadata)
        if !added.isEmpty {
            // Each client's share is assigned on its own: one that fails is tried again at the
            // next probe, the others read on.
            var failure: KafkaError?
            var mine = added.filter { workerSlots == 0 || routes[$0.topic] != nil }
            for slot in 0..<workerSlots {
                // Each topic's partitions in turn, so that every worker has its share of the busy ones.
                let share = added.filter { routes[$0.topic] == nil && Int($0.partition) % workerSlots == slot }
                guard !share.isEmpty else { continue }
                guard let worker = worker(slot) else {
                    mine += share
                    continue
                }
                do throws(KafkaError) {
                    try worker.assign(share, timeoutMs: timeoutMs)
                } catch {
                    assignment.assignmentFailed(share)
                    failure = error
                }
            }
            if !mine.isEmpty {
                do throws(KafkaError) {
                    try client.assign(current: ownAssigned, added: mine, timeoutMs: timeoutMs)
                    ownAssigned += mine
                } catch {
                    assignment.assignmentFailed(mine)
                    failure = error
                }
            }
            if let failure {
                let unassigned = assignment.unassigned.count
                let text = "\(failure.description) (\(Format.counted(unassigned, "partition")) not read yet; trying again)"
                client.events.log.append(level: 3, facility: "ASSIGN", message: text)
                monitor.update { $0.statistics.lastError = text }
            }
        }
        nextMetadataMs = clock.nowMs() + (assignment.unassigned.isEmpty ? options.metadataRefresh : options.retryInterval).milliseconds
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
        if !options.templates.isEmpty, now >= nextDiscoveryMs { discover(now: now) }
    }

    /// Looks through the cluster's topics (all of them: one metadata request) for pipelines of
    /// `options.templates` not read yet, and reads them from now on; their partitions are
    /// assigned at the next metadata, which is asked for at once.
    private func discover(now: Int64) {
        nextDiscoveryMs = now + options.metadataRefresh.milliseconds
        guard let all = try? client.partitionCounts(allTopics: true, timeoutMs: Int32(clamping: options.metadataTimeout.milliseconds)) else { return }
        let known = Set(mapped.map(\.config.name)).union(refused)
        let found = PipelineConfig.expanding(options.templates, topics: Array(all.keys)).filter { !known.contains($0.name) }
        guard !found.isEmpty else { return }
        for pipeline in found {
            do {
                adopt(try MappedPipelineReader(pipeline, schemas: schemas))
            } catch {
                client.events.log.append(level: 3, facility: "MAPPED", message: "\(pipeline.name): \(error)")
                refused.insert(pipeline.name)
            }
        }
        nextMetadataMs = clock.nowMs()
    }

    /// Reads `reader`'s pipeline (given at start, or a template's found while running): its
    /// topics assigned (models from the beginning, every version; scored and labels as the
    /// contract's scored), its rates measured, its models topics' settings checked, its
    /// consumer group's lag measured (unless `lag_groups` names the pipeline's).
    private func adopt(_ reader: MappedPipelineReader) {
        let pipeline = reader.config
        let index = mapped.count
        mapped.append(reader)
        assignment.add(pipeline)
        for (name, role) in reader.topics {
            routes[name, default: []].append((index, role))
            _ = assignment.want(name, start: role == .models ? .beginning : options.start(for: .scored))
        }
        let measured = DerivedMetrics.Pipeline(name: pipeline.name, scored: pipeline.scoredTopic, input: pipeline.inputTopic, errors: pipeline.errorsTopic)
        if let derived {
            derived.add(measured, reads: assignment.reads)
        } else {
            derived = DerivedMetrics(measuring: measuring, pipelines: [measured], reads: assignment.reads)
        }
        handle(reader.topics.map(\.name) + [pipeline.inputTopic, pipeline.errorsTopic].compactMap { $0 })
        settingsProbe.add(topics: reader.topics.map(\.name), modelsTopics: reader.topics.filter { $0.role == .models }.map(\.name))
        if let group = pipeline.consumerGroup, !options.lagGroups.contains(where: { $0.pipeline == pipeline.name }) {
            let lag = LagGroup(pipeline: pipeline.name, group: group)
            if let lagProbe {
                lagProbe.add(lag)
            } else {
                lagProbe = KafkaLagProbe(client: client, measuring: measuring, store: store, groups: [lag], interval: options.lagInterval)
            }
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

    /// A message of a topic-mapped pipeline's topic: ingested by its readers into their
    /// pipelines' shards. False for a contract topic's.
    private func divert(_ topic: String, _ message: UnsafeMutablePointer<rd_kafka_message_t>) -> Bool {
        guard let readers = routes[topic] else { return false }
        let view = KafkaMessage(message, topic: topic, position: KafkaTopicReader.Position(message))
        for r in readers {
            store.withShard(for: mapped[r.reader].config.name) { state, now in
                mapped[r.reader].ingest(view, as: r.role, into: &state, arrivalMs: now)
            }
        }
        return true
    }

    /// The worker of `slot`, made and started at its first partitions; nil (this thread then
    /// reads them) when its consumer cannot be made.
    private func worker(_ slot: Int) -> KafkaIngestWorker? {
        if let worker = workers[slot] { return worker }
        do {
            let worker = try KafkaIngestWorker(sibling: client)
            worker.start(store: store, monitor: monitor, log: client.events.log, options: options, index: slot)
            workers[slot] = worker
            return worker
        } catch {
            client.events.log.append(level: 3, facility: "INGEST", message: "no consumer for ingest worker \(slot + 1), its partitions read on the consumer thread: \(error)")
            return nil
        }
    }
}
