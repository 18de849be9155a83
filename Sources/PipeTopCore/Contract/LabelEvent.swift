/// An outcome learned after scoring (`type: label`), joined to scored records by `key`.
public struct LabelEvent: Sendable, Hashable {
    public var pipeline: String
    public var tsMs: Int64
    public var contractVersion: Int
    public var key: String
    public var label: Outcome

    public init(pipeline: String, tsMs: Int64, contractVersion: Int = 1, key: String, label: Outcome) {
        self.pipeline = pipeline
        self.tsMs = tsMs
        self.contractVersion = contractVersion
        self.key = key
        self.label = label
    }

    /// Kafka message key: the record's `key`.
    public var messageKey: String { key }
}
