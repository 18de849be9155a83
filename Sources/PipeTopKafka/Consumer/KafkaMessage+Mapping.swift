import PipeTopCore

/// What a mapped pipeline's selectors read of a message (`@key`, `@timestamp`, `@header:NAME`,
/// `@topic`, `@partition`, `@offset`): keys and headers as text when they are UTF-8, else base64.
extension KafkaMessage: MappedMessage {
    public var partition: Int32 { position.partition }
    public var offset: Int64 { position.offset }
    public var timestampMs: Int64? { position.timestampMs }
    public var keyText: String? { key.map(Self.text) }

    public func headerText(_ name: String) -> String? { header(name).map(Self.text) }

    private static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        String(validating: bytes, as: UTF8.self) ?? Base64.string(bytes)
    }
}
