/// One record scored by one model version (`type: scored`).
///
/// The hot path decodes into a reused value of this type, so `features` keeps
/// its capacity between records.
public struct ScoredEvent: Sendable, Hashable {
    public var pipeline: String
    public var tsMs: Int64
    public var contractVersion: Int
    public var key: String
    public var model: String
    public var version: Int
    public var role: Role
    public var score: Double
    public var prediction: Outcome?
    public var label: Outcome?
    public var latencyUs: Double?
    /// Numeric inputs, in message order.
    public var features: [NamedValue]
    public var strategy: String?
    /// The message a mapped pipeline's record was read from (not part of the contract: nil
    /// for contract events, whose message is the event).
    public var origin: MessageOrigin?

    public init(
        pipeline: String = "", tsMs: Int64 = 0, contractVersion: Int = 1, key: String = "", model: String = "",
        version: Int = 0, role: Role = .primary, score: Double = 0, prediction: Outcome? = nil,
        label: Outcome? = nil, latencyUs: Double? = nil, features: [NamedValue] = [], strategy: String? = nil,
        origin: MessageOrigin? = nil
    ) {
        self.pipeline = pipeline
        self.tsMs = tsMs
        self.contractVersion = contractVersion
        self.key = key
        self.model = model
        self.version = version
        self.role = role
        self.score = score
        self.prediction = prediction
        self.label = label
        self.latencyUs = latencyUs
        self.features = features
        self.strategy = strategy
        self.origin = origin
    }

    /// Kafka message key: the record's `key`.
    public var messageKey: String { key }
}
