import CRdKafka

/// Where a source's measurements send their ListOffsets requests (the lag probe's and the
/// derived metrics'): a client of their own (`KafkaClient.measuringSibling`), made at the first
/// request (a cluster whose every measured partition is read needs none), so they never wait
/// behind the consumer's long-polling fetches; the consumer itself when a sibling could not be
/// made. Used on the consumer thread only.
final class MeasuringClient {
    private let consumer: KafkaClient
    private var sibling: KafkaClient?

    init(consumer: KafkaClient) {
        self.consumer = consumer
    }

    /// The client to ask, made on first use.
    var client: KafkaClient {
        if let sibling { return sibling }
        do {
            sibling = try consumer.measuringSibling()
        } catch {
            consumer.events.log.append(level: 4, facility: "WATERMARK", message: "no client of its own for ListOffsets: \(error)")
            sibling = consumer
        }
        return sibling ?? consumer
    }

    /// Serves the sibling's callbacks (errors), which would otherwise pile up on a client never
    /// polled.
    func poll() {
        if let sibling, sibling !== consumer { rd_kafka_poll(sibling.handle, 0) }
    }

    /// Destroys the sibling; call before the consumer is destroyed.
    func close() {
        if let sibling, sibling !== consumer { sibling.destroy() }
        sibling = nil
    }
}
