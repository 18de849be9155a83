/// Where a producer of contract events (the demo pipeline) writes: the in-process demo bus,
/// an NDJSON file, or Kafka topics.
public protocol EventSink: AnyObject, Sendable {
    /// Hands `batch` over in order. May block while the sink's bounded buffer is full
    /// (backpressure); throws when the sink can take nothing more (file closed, broker gone for good).
    func publish(_ batch: MessageBatch) throws
    /// Returns once everything published so far has been written or delivered.
    func flush() throws
}
