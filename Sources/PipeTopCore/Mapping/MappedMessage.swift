/// What mapping reads of a Kafka message besides its decoded value: `@key`, `@timestamp`,
/// `@header:NAME`, `@topic`, `@partition`, `@offset`. The Kafka reader's messages conform.
public protocol MappedMessage {
    var topic: String { get }
    var partition: Int32 { get }
    var offset: Int64 { get }
    /// Epoch milliseconds, when the message has a timestamp.
    var timestampMs: Int64? { get }
    /// The key as text (UTF-8, else base64); nil without a key.
    var keyText: String? { get }
    /// The last header called `name`, as text; nil when there is none.
    func headerText(_ name: String) -> String?
}
