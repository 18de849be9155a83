/// What a `KafkaProducer` did so far.
public struct KafkaProducerStatistics: Sendable, Hashable {
    /// Messages handed to librdkafka.
    public var produced: UInt64 = 0
    /// Delivery reports: acknowledged by the cluster, and failed.
    public var delivered: UInt64 = 0
    public var failed: UInt64 = 0
    /// Messages librdkafka still holds (queued or in flight).
    public var outstanding = 0
    /// The latest error (a failed delivery or one librdkafka reported).
    public var lastError: String?

    public init() {}
}
