/// A Kafka message header as the screens show it: its name, and its value as text when the
/// bytes are UTF-8, else base64 (nil for a null value).
public struct MessageHeader: Sendable, Hashable {
    public var name: String
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    /// A header from its raw value.
    public init(name: String, bytes: UnsafeRawBufferPointer?) {
        self.name = name
        value = bytes.map { bytes in
            switch MessageDecoder.raw(bytes) {
            case .string(let text): text
            case .bytes(let raw): Base64.string(raw)
            default: ""
            }
        }
    }
}
