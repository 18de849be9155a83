/// An operator's command to a pipeline (`type: control`).
public struct ControlCommand: Sendable, Hashable {
    public var pipeline: String
    public var tsMs: Int64
    public var contractVersion: Int
    /// A UUID, unique per command; a pipeline applies an id at most once.
    public var id: String
    public var action: ControlAction
    public var model: String
    /// The target version, always filled by pipetop.
    public var version: Int
    /// The version pipetop believed was primary when it sent the command.
    public var fromVersion: Int?
    public var requestedBy: String
    public var reason: String?

    public init(
        pipeline: String, tsMs: Int64, contractVersion: Int = 1, id: String, action: ControlAction,
        model: String, version: Int, fromVersion: Int? = nil, requestedBy: String, reason: String? = nil
    ) {
        self.pipeline = pipeline
        self.tsMs = tsMs
        self.contractVersion = contractVersion
        self.id = id
        self.action = action
        self.model = model
        self.version = version
        self.fromVersion = fromVersion
        self.requestedBy = requestedBy
        self.reason = reason
    }

    /// Kafka message key: the command id.
    public var messageKey: String { id }
}
