import CRdKafka
import Foundation
import PipeTopCore
import Synchronization

/// Takes one `TopicsSample` of a cluster, blocking the calling thread (at most a few
/// timeouts): metadata of every topic (partitions, leaders, replicas, brokers), the
/// watermarks of every partition, then the consumer groups and their committed offsets.
/// Reads no records.
///
/// - Watermarks: one batched ListOffsets per leader for the high watermarks and one for the
///   low ones (`rd_kafka_offsets_for_times` with the `-1` latest / `-2` earliest timestamps),
///   not two requests per partition as `rd_kafka_query_watermark_offsets` would send.
/// - Groups: the admin ListConsumerGroups, then ListConsumerGroupOffsets per group (one group
///   per request, librdkafka's rule), all sent at once on a client of their own and answered
///   on one queue (`CommittedOffsetsReader`).
///
/// Against the Tansu test broker (0.6), checked with librdkafka 2.16: Metadata, ListOffsets,
/// ListGroups and OffsetFetch are answered, but ListOffsets' end offset counts record
/// *batches* rather than records (a batch of 25 records moves it by 1), so rates and retained
/// counts are in batches unless producers send one record per batch; ListGroups reports no
/// group state; and it has no `__consumer_offsets` topic (it keeps offsets internally), so
/// there is no internal topic to hide unless one is created (`_schemas`).
public final class KafkaTopicsSampler: Sendable {
    private let client: KafkaClient
    private let offsets: Mutex<CommittedOffsetsReader>
    private let timeoutMs: Int32

    /// A client of its own (a consumer that never joins a group nor commits); `timeout`
    /// bounds each request.
    public init(config: KafkaClientConfig, timeout: Duration = .seconds(5), log: KafkaLog? = nil) throws(KafkaError) {
        let properties = config.resolved(
            for: .consumer,
            roleDefaults: ["group.id": "pipetop-topics-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"],
            forced: ["enable.auto.commit": "false", "enable.auto.offset.store": "false"])
        client = try KafkaClient(
            kind: .consumer, properties: properties, log: log ?? KafkaLog(filePath: config.logFile),
            oauthTokenCommand: config.oauthTokenCommand)
        timeoutMs = Int32(clamping: timeout.milliseconds)
        let client = client
        offsets = Mutex(CommittedOffsetsReader { () throws(KafkaError) in try client.measuringSibling() })
    }

    deinit {
        offsets.withLock { $0.abandon() }
        client.destroy()
    }

    /// librdkafka's log lines and errors of this client.
    public var log: KafkaLog { client.events.log }

    /// One look at the cluster, with the configuration of the topics `describing` names, and
    /// the committed offsets of every group the cluster lists and of the groups `named`, asked
    /// for whether listed or not (a principal allowed to read its own group's offsets may not
    /// be allowed to list the cluster's groups, as with kafka-consumer-groups --describe).
    /// Throws when the metadata or the watermarks cannot be had (no broker answers); trouble
    /// with the groups (a listing refused while named groups were read included) is kept in
    /// `groupsError` instead, with a configuration in `settingsErrors`.
    public func sample(describing: [String] = [], groups named: [String] = []) throws(KafkaError) -> TopicsSample {
        let metadata = try client.metadata(allTopics: true, timeoutMs: timeoutMs)
        let taken = SystemWallClock().nowMs()
        let watermarks = try self.watermarks(metadata.topics.mapValues(\.count))
        var committed: [String: [String: [Int32: Int64]]] = [:]
        var groupsError: String?
        do {
            let listed: [String]
            var listError: KafkaError?
            do {
                listed = try groups()
            } catch where !named.isEmpty {
                listed = []  // the named groups can still be read
                listError = error
            }
            committed = try committedOffsets(groups: Array(Set(listed).union(named)).sorted())
            if let listError {
                groupsError = "consumer groups: cannot list them (\(listError)); only \(named.joined(separator: ", ")) read"
            }
        } catch {
            groupsError = "consumer groups: \(error)"
        }
        let (settings, settingsErrors) = self.settings(of: describing.filter { metadata.topics[$0] != nil })
        return TopicsSample(takenAtMs: taken, watermarks: watermarks, committed: committed, groupsError: groupsError,
                            placements: metadata.topics, brokers: metadata.brokers, settings: settings, settingsErrors: settingsErrors)
    }

    /// The configuration of `topics` (DescribeConfigs, one request): each topic's entries, or
    /// why they could not be read.
    public func settings(of topics: [String]) -> (settings: [String: [TopicSetting]], errors: [String: String]) {
        guard !topics.isEmpty else { return ([:], [:]) }
        let queue = rd_kafka_queue_new(client.handle)!
        defer { rd_kafka_queue_destroy(queue) }
        TopicConfigs.request(client, topics: topics, timeoutMs: timeoutMs, queue: queue)
        guard let event = rd_kafka_queue_poll(queue, timeoutMs + 1_000) else { return TopicConfigs.failed(topics, "timed out reading the configuration") }
        defer { rd_kafka_event_destroy(event) }
        return TopicConfigs.read(event, topics: topics)
    }

    /// Low and high watermark of every partition of `counts`' topics.
    private func watermarks(_ counts: [String: Int]) throws(KafkaError) -> [String: [PartitionWatermarks]] {
        guard !counts.isEmpty else { return [:] }
        let high = try offsets(counts, at: pipetop_offset_end())
        let low = try offsets(counts, at: pipetop_offset_beginning())
        var result: [String: [PartitionWatermarks]] = [:]
        for (key, h) in high {
            // An earliest offset the broker did not give is the start of the log.
            result[key.topic, default: []].append(PartitionWatermarks(partition: key.partition, low: max(0, low[key] ?? 0), high: h))
        }
        return result
    }

    private struct PartitionKey: Hashable {
        var topic: String
        var partition: Int32
    }

    /// The offsets ListOffsets answers for `timestamp` (-1 latest, -2 earliest) of every
    /// partition; partitions it answered with an error are left out.
    private func offsets(_ counts: [String: Int], at timestamp: Int64) throws(KafkaError) -> [PartitionKey: Int64] {
        let total = counts.values.reduce(0, +)
        let list = rd_kafka_topic_partition_list_new(Int32(clamping: total))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (topic, n) in counts {
            for p in 0..<n { rd_kafka_topic_partition_list_add(list, topic, Int32(p)).pointee.offset = timestamp }
        }
        let err = rd_kafka_offsets_for_times(client.handle, list, timeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .metadata("watermarks: " + String(cString: rd_kafka_err2str(err)))
        }
        var result: [PartitionKey: Int64] = [:]
        for i in 0..<Int(list.pointee.cnt) {
            let p = list.pointee.elems[i]
            guard p.err == RD_KAFKA_RESP_ERR_NO_ERROR, p.offset >= 0, let topic = p.topic else { continue }
            result[PartitionKey(topic: String(cString: topic), partition: p.partition)] = p.offset
        }
        return result
    }

    /// Every consumer group the cluster lists.
    private func groups() throws(KafkaError) -> [String] {
        let queue = rd_kafka_queue_new(client.handle)
        defer { rd_kafka_queue_destroy(queue) }
        let options = adminOptions(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        rd_kafka_ListConsumerGroups(client.handle, options, queue)
        guard let event = rd_kafka_queue_poll(queue, timeoutMs + 1_000) else { throw .timedOut("listing consumer groups") }
        defer { rd_kafka_event_destroy(event) }
        if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw .admin(String(cString: rd_kafka_event_error_string(event)))
        }
        guard let result = rd_kafka_event_ListConsumerGroups_result(event) else { throw .admin("unexpected reply to ListConsumerGroups") }
        var count = 0
        var names: [String] = []
        if let listings = rd_kafka_ListConsumerGroups_result_valid(result, &count) {
            for i in 0..<count { if let g = listings[i] { names.append(String(cString: rd_kafka_ConsumerGroupListing_group_id(g))) } }
        }
        // Some brokers failed to answer: the groups of the others still count.
        var errorCount = 0
        if names.isEmpty, let errors = rd_kafka_ListConsumerGroups_result_errors(result, &errorCount), errorCount > 0, let first = errors[0] {
            throw .admin(String(cString: rd_kafka_error_string(first)))
        }
        return names.sorted()
    }

    /// Each group's committed offsets, group → topic → partition → offset. Not answered in
    /// time (a coordinator down), the requests are abandoned with their client.
    private func committedOffsets(groups: [String]) throws(KafkaError) -> [String: [String: [Int32: Int64]]] {
        guard !groups.isEmpty else { return [:] }
        return try offsets.withLock { (reader) throws(KafkaError) in
            try reader.ask(groups)
            var unanswered = groups.count
            var result: [String: [String: [Int32: Int64]]] = [:]
            let deadline = SystemWallClock().nowMs() + Int64(timeoutMs) + 1_000
            var lastError: String?
            while unanswered > 0 {
                let left = deadline - SystemWallClock().nowMs()
                guard left > 0, let answer = reader.next(timeoutMs: Int32(clamping: left)) else {
                    reader.abandon()
                    throw .timedOut("reading the committed offsets of \(unanswered) consumer groups")
                }
                unanswered -= 1
                if let error = answer.error {
                    lastError = "\(answer.group): " + error
                } else if !answer.offsets.isEmpty {
                    result[answer.group] = answer.offsets
                }
            }
            if result.isEmpty, let lastError { throw .admin(lastError) }
            return result
        }
    }

    private func adminOptions(_ op: rd_kafka_admin_op_t) -> OpaquePointer {
        let options = rd_kafka_AdminOptions_new(client.handle, op)!
        var errstr = [CChar](repeating: 0, count: 256)
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, &errstr, errstr.count)
        return options
    }
}
