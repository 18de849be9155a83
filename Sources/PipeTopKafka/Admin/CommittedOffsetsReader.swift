import CRdKafka

/// Committed offsets of consumer groups, asked on a client of the reader's own that is
/// destroyed, with the requests still in flight, when the caller stops waiting for them
/// (`abandon`). librdkafka cannot be left to time them out: it aborts the process when a
/// request to a group coordinator timed out while the coordinator was down and the
/// coordinator then comes back (see `CommittedOffsets.requestTimeoutMs`), and a request
/// waiting for a coordinator that went away with a restarted broker can wait for good.
/// Destroying the client ends them safely. At most one request per group is in flight;
/// answers come on the client's queue, each request tagged so that a failed one still
/// names its group. Used by one thread at a time.
final class CommittedOffsetsReader {
    private let make: () throws(KafkaError) -> KafkaClient
    private var own: (client: KafkaClient, queue: OpaquePointer)?
    /// Requests in flight: tag → group.
    private var asked: [Int: String] = [:]
    private var nextTag = 1

    /// `make` makes the client (a sibling of the caller's, same cluster and credentials).
    init(making make: @escaping () throws(KafkaError) -> KafkaClient) {
        self.make = make
    }

    deinit { abandon() }

    /// Whether a group asked has not been answered yet.
    var isWaiting: Bool { !asked.isEmpty }

    /// Asks for the committed offsets of those of `groups` not waiting for an answer, on
    /// `partitions` only when given (nil: every partition each committed on).
    func ask(_ groups: [String], partitions: UnsafePointer<rd_kafka_topic_partition_list_t>? = nil) throws(KafkaError) {
        let waiting = Set(asked.values)
        let new = groups.filter { !waiting.contains($0) }
        guard !new.isEmpty else { return }
        if own == nil {
            let client = try make()
            own = (client, rd_kafka_queue_new(client.handle)!)
        }
        guard let own else { return }
        for group in new {
            asked[nextTag] = group
            CommittedOffsets.request(own.client, group: group, partitions: partitions, tag: nextTag, queue: own.queue)
            nextTag += 1
        }
    }

    /// The next answer to arrive within `timeoutMs` (0: only one already there): a group's
    /// offsets, or why it has none; nil when none came.
    func next(timeoutMs: Int32) -> CommittedOffsets.GroupAnswer? {
        guard let own, !asked.isEmpty else { return nil }
        while let event = rd_kafka_queue_poll(own.queue, timeoutMs) {
            defer { rd_kafka_event_destroy(event) }
            guard let group = asked.removeValue(forKey: Int(bitPattern: rd_kafka_event_opaque(event))) else { continue }
            let (failure, answers) = CommittedOffsets.answers(event)
            if let failure { return .init(group: group, offsets: [:], error: failure) }
            // One group a request: its answer, under the name asked for.
            guard var answer = answers.first else { return .init(group: group, offsets: [:], error: "no answer for the group") }
            answer.group = group
            return answer
        }
        return nil
    }

    /// Stops waiting: destroys the client with the requests in flight (the next `ask` makes
    /// another).
    func abandon() {
        guard let own else { return }
        self.own = nil
        asked.removeAll()
        while let event = rd_kafka_queue_poll(own.queue, 0) { rd_kafka_event_destroy(event) }
        rd_kafka_queue_destroy(own.queue)
        own.client.destroy()
    }
}
