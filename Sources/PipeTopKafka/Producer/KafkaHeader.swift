import CRdKafka

/// One Kafka message header as bytes: what a re-published message carries over exactly.
public struct KafkaHeader: Sendable, Hashable {
    public var name: String
    /// Nil for a null value.
    public var value: [UInt8]?

    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    /// A text header.
    public init(name: String, text: String) {
        self.init(name: name, value: Array(text.utf8))
    }

    /// A new librdkafka header list holding `headers`, in order; the caller owns it.
    static func list(_ headers: [KafkaHeader]) -> OpaquePointer {
        let list = rd_kafka_headers_new(headers.count)!
        for h in headers {
            if let v = h.value {
                v.withUnsafeBytes { b in
                    _ = rd_kafka_header_add(list, h.name, -1, b.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, b.count)
                }
            } else {
                _ = rd_kafka_header_add(list, h.name, -1, nil, 0)
            }
        }
        return list
    }
}
