/// A mapped pipeline's labels topic turned into contract `label` events (`[pipelines.labels]`).
public struct LabelsMapping: Sendable {
    public let pipeline: String
    private let key: FieldSelector
    private let label: FieldSelector
    private let ts: FieldSelector

    /// - Precondition: `mapping` maps `label` (the configuration checks it).
    public init(pipeline: String, _ mapping: TopicMapping) {
        self.pipeline = pipeline
        key = mapping.fields["key"] ?? .key
        label = mapping.fields["label"] ?? .pointer(.whole)
        ts = mapping.fields["ts"] ?? .timestamp
    }

    public func map<M: MappedMessage>(_ value: DecodedValue, _ message: M) -> Result<LabelEvent, Unmappable> {
        guard let keyText = key.resolve(in: value, message)?.text else { return .failure(.noKey) }
        guard let outcome = label.resolve(in: value, message).flatMap(ScoredMapping.outcome) else { return .failure(.noLabel) }
        let tsMs = ScoredMapping.eventTime(ts.resolve(in: value, message), message)
        return .success(LabelEvent(pipeline: pipeline, tsMs: tsMs, key: keyText, label: outcome))
    }
}
