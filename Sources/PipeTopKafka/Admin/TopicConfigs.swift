import CRdKafka
import PipeTopCore

/// DescribeConfigs of topics: one request for all of them, answered on a queue, and the reply
/// read into each topic's `TopicSetting`s or why they could not be read.
enum TopicConfigs {
    /// Sends the request for `topics` on `client`, its answer to come on `queue`, within `timeoutMs`.
    static func request(_ client: KafkaClient, topics: [String], timeoutMs: Int32, queue: OpaquePointer) {
        let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errstr = [CChar](repeating: 0, count: 256)
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, &errstr, errstr.count)
        var resources: [OpaquePointer?] = topics.map { rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, $0) }
        defer { for r in resources { rd_kafka_ConfigResource_destroy(r) } }
        rd_kafka_DescribeConfigs(client.handle, &resources, resources.count, options, queue)
    }

    /// The answer `event` to a request for `topics`: each topic's entries, or why not.
    static func read(_ event: OpaquePointer, topics: [String]) -> (settings: [String: [TopicSetting]], errors: [String: String]) {
        if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR { return failed(topics, String(cString: rd_kafka_event_error_string(event))) }
        guard let result = rd_kafka_event_DescribeConfigs_result(event) else { return failed(topics, "unexpected reply to DescribeConfigs") }
        var count = 0
        guard let described = rd_kafka_DescribeConfigs_result_resources(result, &count) else { return failed(topics, "no configuration in the reply") }
        var settings: [String: [TopicSetting]] = [:]
        var errors: [String: String] = [:]
        for i in 0..<count {
            guard let resource = described[i] else { continue }
            let name = String(cString: rd_kafka_ConfigResource_name(resource))
            if rd_kafka_ConfigResource_error(resource) != RD_KAFKA_RESP_ERR_NO_ERROR {
                errors[name] = rd_kafka_ConfigResource_error_string(resource).map { String(cString: $0) } ?? "error"
                continue
            }
            var entries = 0
            let list = rd_kafka_ConfigResource_configs(resource, &entries)
            settings[name] = (0..<entries).compactMap { j in
                guard let entry = list?[j] else { return nil }
                let sensitive = rd_kafka_ConfigEntry_is_sensitive(entry) != 0
                return TopicSetting(
                    name: String(cString: rd_kafka_ConfigEntry_name(entry)),
                    value: sensitive ? nil : rd_kafka_ConfigEntry_value(entry).map { String(cString: $0) },
                    isOverride: rd_kafka_ConfigEntry_source(entry) == RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG)
            }
        }
        for topic in topics where settings[topic] == nil && errors[topic] == nil { errors[topic] = "not in the reply" }
        return (settings, errors)
    }

    /// Every topic of `topics` with `reason`.
    static func failed(_ topics: [String], _ reason: String) -> (settings: [String: [TopicSetting]], errors: [String: String]) {
        ([:], Dictionary(topics.map { ($0, reason) }, uniquingKeysWith: { a, _ in a }))
    }
}
