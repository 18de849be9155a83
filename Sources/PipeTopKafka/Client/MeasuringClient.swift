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

    /// ListOffsets requests one round of measurements may send, and how long each may block.
    static let maxListOffsets = 64
    private static let listOffsetsTimeoutMs: Int32 = 500

    /// A partition's high watermark: the one the consumer cached from its fetches, else, when
    /// `ask`, asked with ListOffsets while `budget` lasts (a failure spends the rest of it, so
    /// a slow cluster holds the thread at most once a round); nil when neither answers.
    func highWatermark(_ topic: String, _ partition: Int32, ask: Bool = true, budget: inout Int) -> Int64? {
        var low: Int64 = -1, high: Int64 = -1
        if rd_kafka_get_watermark_offsets(consumer.handle, topic, partition, &low, &high) == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 {
            return high
        }
        guard ask, budget > 0 else { return nil }
        budget -= 1
        guard rd_kafka_query_watermark_offsets(client.handle, topic, partition, &low, &high, Self.listOffsetsTimeoutMs)
                == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else {
            budget = 0
            return nil
        }
        return high
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
