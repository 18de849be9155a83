import CRdKafka
import PipeTopCore

/// One message as librdkafka delivered it, seen in place for the length of a callback: its
/// value and key are borrowed (no copy), its headers are read only when asked for.
public struct KafkaMessage {
    private let message: UnsafeMutablePointer<rd_kafka_message_t>
    public let topic: String
    public let position: KafkaTopicReader.Position

    init(_ message: UnsafeMutablePointer<rd_kafka_message_t>, topic: String, position: KafkaTopicReader.Position) {
        self.message = message
        self.topic = topic
        self.position = position
    }

    /// The value; nil for a null value (a tombstone).
    public var value: UnsafeRawBufferPointer? {
        message.pointee.payload.map { UnsafeRawBufferPointer(start: $0, count: message.pointee.len) }
    }

    /// The key; nil when the message has none.
    public var key: UnsafeRawBufferPointer? {
        message.pointee.key.map { UnsafeRawBufferPointer(start: $0, count: message.pointee.key_len) }
    }

    /// The value of the last header called `name` (nil when there is none, or it is null):
    /// one lookup, no copy of the other headers.
    public func header(_ name: String) -> UnsafeRawBufferPointer? {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return nil }
        var value: UnsafeRawPointer?
        var size = 0
        guard rd_kafka_header_get_last(list, name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR, let value else { return nil }
        return UnsafeRawBufferPointer(start: value, count: size)
    }

    /// The headers in the order the producer added them, as the screens show them (text,
    /// else base64); empty when there are none.
    public var shownHeaders: [MessageHeader] {
        var headers: [MessageHeader] = []
        forEachHeader { headers.append(MessageHeader(name: $0, bytes: $1)) }
        return headers
    }

    /// The headers in the order the producer added them, as bytes.
    public var headers: [KafkaHeader] {
        var headers: [KafkaHeader] = []
        forEachHeader { headers.append(KafkaHeader(name: $0, value: $1.map(Array.init))) }
        return headers
    }

    /// Calls `body` with each header's name and value (nil for a null value), in order.
    private func forEachHeader(_ body: (String, UnsafeRawBufferPointer?) -> Void) {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return }
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            body(name.map { String(cString: $0) } ?? "", value.map { UnsafeRawBufferPointer(start: $0, count: size) })
            index += 1
        }
    }
}
