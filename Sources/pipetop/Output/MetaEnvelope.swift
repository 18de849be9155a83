import PipeTopCore
import PipeTopKafka

/// `pipetop tail --format json --meta`: each value wrapped with where it came from
/// (`MessageEnvelope`), the key decoded as `--key-format` says.
enum MetaEnvelope {
    /// `valueJSON` (already JSON) wrapped, the key decoded with `keyDecoder`.
    static func write(_ message: KafkaMessage, keyDecoder: inout MessageDecoder, valueJSON: UnsafeRawBufferPointer, into line: inout [UInt8]) {
        let p = message.position
        let head = DecodedValue.object(MessageEnvelope.head(
            topic: message.topic, partition: p.partition, offset: p.offset, timestampMs: p.timestampMs,
            key: message.decodedKey(with: &keyDecoder), headers: message.shownHeaders))
        head.writeJSON(into: &line)
        // Reopen the object for the value, which is already JSON.
        line.removeLast()
        line.append(contentsOf: Array(#","value":"#.utf8))
        line.append(contentsOf: valueJSON)
        line.append(UInt8(ascii: "}"))
    }
}
