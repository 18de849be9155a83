/// A mapped pipeline's models topic, read from the beginning, turned into contract `model`
/// events (`[pipelines.models]`). A version's identity is the SHA-256 of its artifact (of the
/// whole value when no `artifact` is mapped): the same bytes published again are the same
/// version. The first message of an identity publishes it (`published`); where the scored
/// records do not say which version serves, the newest message's version is the one serving
/// (`promoted`, which makes the one before it `replaced`), so re-publishing an old version's
/// message rolls back to it.
public struct ModelsMapping: Sendable {
    /// Identities remembered per model; past it the oldest are forgotten (a topic with more
    /// distinct artifacts of one model than this is not a model's history).
    public static let maxIdentitiesPerModel = 10_000

    public let pipeline: String
    private let model: FieldSelector?
    /// `@sequence` unless a field is mapped.
    private let version: FieldSelector
    private let artifact: FieldSelector?
    private let description: FieldSelector?
    private let ts: FieldSelector
    /// Whether the newest message says which version serves (no `version` in scored).
    private let servingFromModels: Bool
    private var ledgers: [String: Ledger] = [:]

    /// What is known of one model's versions.
    private struct Ledger {
        /// Artifact SHA-256 → version, and the identities in the order first seen.
        var versions: [String: Int] = [:]
        var order: [String] = []
        /// The last `@sequence` number given.
        var sequence = 0
        var serving: Int?
        /// The time of the last `promoted` event made, which the next one follows.
        var promotedMs: Int64 = .min
    }

    public init(pipeline: String, _ mapping: TopicMapping, servingFromModels: Bool) {
        self.pipeline = pipeline
        model = mapping.fields["model"]
        version = mapping.fields["version"] ?? .sequence
        artifact = mapping.fields["artifact"]
        description = mapping.fields["description"]
        ts = mapping.fields["ts"] ?? .timestamp
        self.servingFromModels = servingFromModels
    }

    /// The version of `model` the newest models message named, when it serves by them.
    public func serving(of model: String) -> Int? {
        ledgers[model]?.serving
    }

    /// What one models message is: the version it carries, and the events it makes (none when
    /// it repeats the version serving).
    public struct Mapped: Sendable, Hashable {
        public var version: VersionKey
        public var events: [ModelEvent]
    }

    /// Maps one models message; `raw` is the value's bytes as received, the identity when no
    /// artifact is mapped. Where the newest message names the version serving, its `promoted`
    /// event is at the message's own time, not a mapped `ts`: the order of the topic is what
    /// the scorers obey, and a version re-published to roll back to it keeps its old `ts`.
    /// Messages of the same millisecond follow each other 1 ms apart, so that the registry
    /// takes them in the topic's order rather than as repeats.
    public mutating func map<M: MappedMessage>(_ value: DecodedValue, raw: UnsafeRawBufferPointer, _ message: M) -> Result<Mapped, Unmappable> {
        let bytes: [UInt8]
        if let artifact {
            guard let v = artifact.resolve(in: value, message), v != .null else { return .failure(.noArtifact) }
            switch v {
            case .bytes(let b): bytes = b
            case .string(let s): bytes = Array(s.utf8)
            default: bytes = v.jsonBytes()
            }
        } else {
            bytes = Array(raw)
        }
        let identity = SHA256.hex(bytes: bytes)
        let name = model.flatMap { $0.resolve(in: value, message)?.text } ?? pipeline
        let tsMs = ScoredMapping.eventTime(ts.resolve(in: value, message), message)
        var ledger = ledgers[name] ?? Ledger()
        var events: [ModelEvent] = []
        let number: Int
        if let known = ledger.versions[identity] {
            number = known
        } else {
            if version == .sequence {
                number = ledger.sequence + 1
            } else {
                guard let v = version.resolve(in: value, message).flatMap(ScoredMapping.versionNumber) else { return .failure(.noVersion) }
                number = v
            }
            ledger.sequence = max(ledger.sequence, number)
            ledger.versions[identity] = number
            ledger.order.append(identity)
            if ledger.order.count > Self.maxIdentitiesPerModel {
                ledger.versions[ledger.order.removeFirst()] = nil
            }
            events.append(ModelEvent(
                pipeline: pipeline, tsMs: tsMs, model: name, version: number, event: .published,
                description: description.flatMap { $0.resolve(in: value, message)?.text },
                artifact: Artifact(format: "bytes", sha256: identity, bytes: Int64(bytes.count))))
        }
        if servingFromModels, ledger.serving != number {
            let at = max(ScoredMapping.supported(message.timestampMs) ?? tsMs, ledger.promotedMs + 1)
            events.append(ModelEvent(pipeline: pipeline, tsMs: at, model: name, version: number, event: .promoted))
            ledger.serving = number
            ledger.promotedMs = at
        }
        ledgers[name] = ledger
        return .success(Mapped(version: VersionKey(model: name, version: number), events: events))
    }
}
