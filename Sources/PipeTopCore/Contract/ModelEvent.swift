/// A lifecycle step of one model version (`type: model`).
public struct ModelEvent: Sendable, Hashable {
    public var pipeline: String
    public var tsMs: Int64
    public var contractVersion: Int
    public var model: String
    public var version: Int
    public var event: ModelEventKind
    public var description: String?
    public var parent: Int?
    public var toVersion: Int?
    public var cause: String?
    public var detail: String?
    /// Present on `serving` heartbeats: the instance that has the version loaded.
    public var instance: String?
    /// Named quality numbers (e.g. `auc`), in message order.
    public var metrics: [NamedValue]
    public var artifact: Artifact?
    public var reference: Reference?

    public init(
        pipeline: String, tsMs: Int64, contractVersion: Int = 1, model: String, version: Int,
        event: ModelEventKind, description: String? = nil, parent: Int? = nil, toVersion: Int? = nil,
        cause: String? = nil, detail: String? = nil, instance: String? = nil, metrics: [NamedValue] = [],
        artifact: Artifact? = nil, reference: Reference? = nil
    ) {
        self.pipeline = pipeline
        self.tsMs = tsMs
        self.contractVersion = contractVersion
        self.model = model
        self.version = version
        self.event = event
        self.description = description
        self.parent = parent
        self.toVersion = toVersion
        self.cause = cause
        self.detail = detail
        self.instance = instance
        self.metrics = metrics
        self.artifact = artifact
        self.reference = reference
    }

    /// Kafka message key: `pipeline/model/version`, so a compacted topic keeps each version's latest state.
    public var messageKey: String { "\(pipeline)/\(model)/\(version)" }
}
