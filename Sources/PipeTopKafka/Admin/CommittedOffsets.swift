import CRdKafka

/// The admin ListConsumerGroupOffsets, asked and read the one way the lag probe, the Topics
/// sampler and `--from group:` need: one request per group (librdkafka's rule), and each
/// group's answer as topic → partition → offset, leaving out partitions answered with an
/// error or with no offset (-1001: never committed there).
enum CommittedOffsets {
    /// One group's part of an answer: its offsets, or why it has none.
    struct GroupAnswer {
        var group: String
        var offsets: [String: [Int32: Int64]]
        var error: String?
    }

    /// The longest request librdkafka lets an admin request wait (an hour). Never shorter:
    /// librdkafka (2.16, and its master of July 2026) aborts the process when a request to a
    /// group coordinator timed out while the coordinator was down and the coordinator then
    /// comes back (`rd_kafka_admin_coord_request` frees the request's `eonce`, which
    /// `rd_kafka_coord_req_fail` hands on: `Assertion eonce->refcnt > 0`, confluentinc/librdkafka
    /// pull request 5397), as after any broker restart slower than the timeout. Callers bound
    /// their own wait instead, and end requests they stop waiting for by destroying the
    /// client that sent them (`CommittedOffsetsReader`).
    static let requestTimeoutMs: Int32 = 3_600_000

    /// Asks for the offsets `group` committed, on `partitions` only when given (nil: every
    /// partition it committed on); the answer comes on `queue`, tagged with `tag`
    /// (`rd_kafka_event_opaque`).
    static func request(_ client: KafkaClient, group: String, partitions: UnsafePointer<rd_kafka_topic_partition_list_t>? = nil,
                        tag: Int = 0, queue: OpaquePointer?) {
        let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errstr = [CChar](repeating: 0, count: 256)
        _ = rd_kafka_AdminOptions_set_request_timeout(options, requestTimeoutMs, &errstr, errstr.count)
        rd_kafka_AdminOptions_set_opaque(options, UnsafeMutableRawPointer(bitPattern: tag))
        var request = rd_kafka_ListConsumerGroupOffsets_new(group, partitions)
        rd_kafka_ListConsumerGroupOffsets(client.handle, &request, 1, options, queue)
        rd_kafka_ListConsumerGroupOffsets_destroy(request)
    }

    /// What `event` answers: why the whole request failed, or each group's part (none for a
    /// reply of another kind).
    static func answers(_ event: OpaquePointer) -> (failure: String?, groups: [GroupAnswer]) {
        if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR { return (String(cString: rd_kafka_event_error_string(event)), []) }
        var count = 0
        guard let result = rd_kafka_event_ListConsumerGroupOffsets_result(event),
              let groups = rd_kafka_ListConsumerGroupOffsets_result_groups(result, &count) else { return (nil, []) }
        return (nil, (0..<count).compactMap { i in
            guard let g = groups[i] else { return nil }
            let name = String(cString: rd_kafka_group_result_name(g))
            if let error = rd_kafka_group_result_error(g) { return GroupAnswer(group: name, offsets: [:], error: String(cString: rd_kafka_error_string(error))) }
            return GroupAnswer(group: name, offsets: rd_kafka_group_result_partitions(g).map(read) ?? [:])
        })
    }

    private static func read(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [String: [Int32: Int64]] {
        var result: [String: [Int32: Int64]] = [:]
        for j in 0..<Int(list.pointee.cnt) {
            let p = list.pointee.elems[j]
            guard p.err == RD_KAFKA_RESP_ERR_NO_ERROR, p.offset >= 0, let topic = p.topic else { continue }
            result[String(cString: topic), default: [:]][p.partition] = p.offset
        }
        return result
    }
}
