/// A pipeline controller's answer to a command (`type: ack`).
///
/// A repeated command id is answered with the first answer and `detail: "duplicate"`.
public struct Ack: Sendable, Hashable {
    public var pipeline: String
    public var tsMs: Int64
    public var contractVersion: Int
    /// The id of the command answered.
    public var id: String
    public var status: AckStatus
    public var detail: String?

    public init(pipeline: String, tsMs: Int64, contractVersion: Int = 1, id: String, status: AckStatus, detail: String? = nil) {
        self.pipeline = pipeline
        self.tsMs = tsMs
        self.contractVersion = contractVersion
        self.id = id
        self.status = status
        self.detail = detail
    }

    /// Kafka message key: the command id.
    public var messageKey: String { id }
}
