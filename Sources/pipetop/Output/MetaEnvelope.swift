import PipeTopCore
import PipeTopKafka

/// `pipetop tail --format json --meta`: each value wrapped with where it came from,
/// `{"topic","partition","offset","timestamp","key","headers":{name:value},"value":…}`.
/// The timestamp is epoch ms (null when the broker gives none); the key is decoded as
/// `--key-format` says (null when there is none); header values are UTF-8 text, else base64,
/// null for a null value, and a name that appears more than once holds the list of its values.
enum MetaEnvelope {
    /// `valueJSON` (already JSON) wrapped, the key decoded with `keyDecoder`.
    static func write(_ message: KafkaMessage, keyDecoder: inout MessageDecoder, valueJSON: UnsafeRawBufferPointer, into line: inout [UInt8]) {
        let p = message.position
        let head: DecodedValue = .object([
            DecodedMember("topic", .string(message.topic)),
            DecodedMember("partition", .int(Int64(p.partition))),
            DecodedMember("offset", .int(p.offset)),
            DecodedMember("timestamp", p.timestampMs.map(DecodedValue.int) ?? .null),
            DecodedMember("key", message.decodedKey(with: &keyDecoder) ?? .null),
            DecodedMember("headers", headers(message.shownHeaders)),
        ])
        head.writeJSON(into: &line)
        // Reopen the object for the value, which is already JSON.
        line.removeLast()
        line.append(contentsOf: Array(#","value":"#.utf8))
        line.append(contentsOf: valueJSON)
        line.append(UInt8(ascii: "}"))
    }

    /// Headers as an object; repeated names collect their values in a list, in order.
    static func headers(_ headers: [MessageHeader]) -> DecodedValue {
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
