import CRdKafka

extension KafkaClient {
    /// Sets the consumer's assignment (`rd_kafka_assign`, never a group subscription) to
    /// `current` plus `added`. Partitions of `current` continue from the position this client
    /// consumed up to, or from their start when it consumed nothing of them yet; `added` ones
    /// start at their start position. Timestamps and groups' positions are resolved to offsets first.
    func assign(current: [PartitionStart], added: [PartitionStart], timeoutMs: Int32) throws(KafkaError) {
        let all = current + added
        let list = rd_kafka_topic_partition_list_new(Int32(all.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for entry in all {
            rd_kafka_topic_partition_list_add(list, entry.topic, entry.partition).pointee.offset = pipetop_offset_invalid()
        }
        if !current.isEmpty {
            // Fills the offsets of the partitions consumed from; the others stay invalid.
            _ = rd_kafka_position(handle, list)
        }
        var timestamps: [Int] = []
        var groups: [String: [Int]] = [:]
        for (i, entry) in all.enumerated() {
            let elem = list.pointee.elems + i
            if i < current.count && elem.pointee.offset >= 0 { continue }
            elem.pointee.offset = entry.rawOffset
            if entry.isTimestamp { timestamps.append(i) }
            if let group = entry.committedGroup { groups[group, default: []].append(i) }
        }
        if !timestamps.isEmpty {
            try resolveTimestamps(in: list, at: timestamps, timeoutMs: timeoutMs)
        }
        for (group, indices) in groups.sorted(by: { $0.key < $1.key }) {
            try resolveCommitted(group: group, in: list, at: indices, timeoutMs: timeoutMs)
        }
        let err = rd_kafka_assign(handle, list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .metadata("assign: " + String(cString: rd_kafka_err2str(err)))
        }
    }

    /// Sets the partitions at `indices` of `list` to where `group` stands: its committed
    /// offset, or the end where it never committed (a consumer of it would start there under
    /// the default `auto.offset.reset`). The group is asked, never joined. A group that
    /// committed on none of them is an error naming it, rather than a tail that waits for
    /// nothing.
    private func resolveCommitted(group: String, in list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, at indices: [Int],
                                  timeoutMs: Int32) throws(KafkaError) {
        let query = rd_kafka_topic_partition_list_new(Int32(indices.count))!
        defer { rd_kafka_topic_partition_list_destroy(query) }
        for i in indices {
            let elem = list.pointee.elems[i]
            rd_kafka_topic_partition_list_add(query, elem.topic, elem.partition)
        }
        let reader = CommittedOffsetsReader { () throws(KafkaError) in try self.measuringSibling() }
        defer { reader.abandon() }
        try reader.ask([group], partitions: query)
        guard let answer = reader.next(timeoutMs: timeoutMs &+ 1_000) else {
            throw .timedOut("reading where group \(group) stands")
        }
        if let error = answer.error { throw .admin("offsets of group \(group): " + error) }
        let committed = answer.offsets
        guard !committed.isEmpty else {
            let topic = list.pointee.elems[indices[0]].topic.map { String(cString: $0) } ?? "?"
            throw .admin("group \(group) has committed no offsets on \(topic)")
        }
        for i in indices {
            let elem = list.pointee.elems + i
            let topic = elem.pointee.topic.map { String(cString: $0) } ?? ""
            elem.pointee.offset = committed[topic]?[elem.pointee.partition] ?? pipetop_offset_end()
        }
    }

    /// Replaces the timestamps at `indices` of `list` by the first offset at or after them
    /// (the end, where no record is that new).
    private func resolveTimestamps(in list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, at indices: [Int], timeoutMs: Int32) throws(KafkaError) {
        let query = rd_kafka_topic_partition_list_new(Int32(indices.count))!
        defer { rd_kafka_topic_partition_list_destroy(query) }
        for i in indices {
            let elem = list.pointee.elems[i]
            rd_kafka_topic_partition_list_add(query, elem.topic, elem.partition).pointee.offset = elem.offset
        }
        let err = rd_kafka_offsets_for_times(handle, query, timeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .metadata("offsets for times: " + String(cString: rd_kafka_err2str(err)))
        }
        for (k, i) in indices.enumerated() {
            let found = query.pointee.elems[k]
            list.pointee.elems[i].offset = found.err == RD_KAFKA_RESP_ERR_NO_ERROR && found.offset >= 0 ? found.offset : pipetop_offset_end()
        }
    }
}
