import CRdKafka
import PipeTopCore

extension KafkaClient {
    /// Partition counts of the topics the cluster reports, by name; topics it does not know
    /// (or reports with an error) are left out. With `allTopics` false, asks only about the
    /// topics this client knows locally (those it has handles for or is assigned), so a
    /// dashboard does not fetch the metadata of every topic of a large cluster.
    func partitionCounts(allTopics: Bool, timeoutMs: Int32) throws(KafkaError) -> [String: Int] {
        try metadata(allTopics: allTopics, timeoutMs: timeoutMs).topics.mapValues(\.count)
    }

    /// The cluster's metadata: every topic's partitions (those the broker answered without an
    /// error), with leader and replicas, and the brokers.
    func metadata(allTopics: Bool, timeoutMs: Int32) throws(KafkaError) -> ClusterMetadata {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(handle, allTopics ? 1 : 0, nil, &metadata, timeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            // A TLS or SASL failure says more than librdkafka's "transport failure" or "timed out".
            throw .metadata(events.snapshot.securityFailure ?? String(cString: rd_kafka_err2str(err)))
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        events.clusterAnswered()
        var result = ClusterMetadata()
        let md = metadata.pointee
        for i in 0..<Int(md.broker_cnt) {
            let b = md.brokers[i]
            result.brokers[b.id] = (b.host.map { String(cString: $0) } ?? "?") + ":\(b.port)"
        }
        for i in 0..<Int(md.topic_cnt) {
            let topic = md.topics[i]
            guard topic.err == RD_KAFKA_RESP_ERR_NO_ERROR, topic.partition_cnt > 0, let name = topic.topic else { continue }
            var partitions: [Int32: PartitionPlacement] = [:]
            for j in 0..<Int(topic.partition_cnt) {
                let p = topic.partitions[j]
                let replicas = (0..<Int(p.replica_cnt)).map { p.replicas[$0] }
                let inSync = (0..<Int(p.isr_cnt)).map { p.isrs[$0] }
                partitions[p.id] = PartitionPlacement(leader: p.leader, replicas: replicas, inSync: inSync)
            }
            result.topics[String(cString: name)] = partitions
        }
        return result
    }

    /// The low and high watermarks of one partition, asked of its leader (ListOffsets).
    func queryWatermarks(topic: String, partition: Int32, timeoutMs: Int32) throws(KafkaError) -> (low: Int64, high: Int64) {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = rd_kafka_query_watermark_offsets(handle, topic, partition, &low, &high, timeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .metadata("watermarks of \(topic)[\(partition)]: " + String(cString: rd_kafka_err2str(err)))
        }
        return (low, high)
    }
}
