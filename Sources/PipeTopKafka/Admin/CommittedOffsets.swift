import CRdKafka

/// A group's committed offsets as a ListConsumerGroupOffsets answer lists them, read the one
/// way the lag probe, the Topics sampler and `--from group:` need: topic → partition →
/// offset, leaving out partitions answered with an error or with no offset (-1001: never
/// committed there).
enum CommittedOffsets {
    static func read(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [String: [Int32: Int64]] {
        var result: [String: [Int32: Int64]] = [:]
        for j in 0..<Int(list.pointee.cnt) {
            let p = list.pointee.elems[j]
            guard p.err == RD_KAFKA_RESP_ERR_NO_ERROR, p.offset >= 0, let topic = p.topic else { continue }
            result[String(cString: topic), default: [:]][p.partition] = p.offset
        }
        return result
    }
}
