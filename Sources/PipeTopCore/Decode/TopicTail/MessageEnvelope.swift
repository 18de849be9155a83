/// A message with where it came from, as `pipetop tail --format json --meta` prints it and
/// the dashboard's `w` on a topic's tail writes it:
/// `{"topic","partition","offset","timestamp","key","headers":{name:value},"value":…}`. The
/// timestamp is epoch ms (null when the broker gives none), the key decoded (null without
/// one); header values are text (UTF-8, else base64), null for a null value, and a name that
/// appears more than once holds the list of its values.
public enum MessageEnvelope {
    /// Every member but the value, in order.
    public static func head(topic: String, partition: Int32, offset: Int64, timestampMs: Int64?, key: DecodedValue?,
                            headers: [MessageHeader]) -> [DecodedMember] {
        [
            DecodedMember("topic", .string(topic)),
            DecodedMember("partition", .int(Int64(partition))),
            DecodedMember("offset", .int(offset)),
            DecodedMember("timestamp", timestampMs.map(DecodedValue.int) ?? .null),
            DecodedMember("key", key ?? .null),
            DecodedMember("headers", object(headers)),
        ]
    }

    /// Headers as an object; repeated names collect their values in a list, in order.
    public static func object(_ headers: [MessageHeader]) -> DecodedValue {
        var names: [String] = []
        var values: [String: [DecodedValue]] = [:]
        for header in headers {
            if values[header.name] == nil { names.append(header.name) }
            values[header.name, default: []].append(header.value.map(DecodedValue.string) ?? .null)
        }
        return .object(names.map { name in
            let list = values[name] ?? []
            return DecodedMember(name, list.count == 1 ? list[0] : .array(list))
        })
    }
}

extension TopicRecord {
    /// This record of `topic` in its envelope (a tombstone's value is null).
    public func envelope(topic: String) -> DecodedValue {
        .object(MessageEnvelope.head(topic: topic, partition: partition, offset: offset, timestampMs: timestampMs, key: key, headers: headers)
                + [DecodedMember("value", value ?? .null)])
    }
}
