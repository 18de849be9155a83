/// A mapped pipeline's scored records turned into contract `scored` events: the
/// `[pipelines.scored]` selectors compiled once, applied per message into a reused event.
public struct ScoredMapping: Sendable {
    public let pipeline: String
    private let key: FieldSelector
    private let score: FieldSelector
    private let model: FieldSelector?
    private let version: FieldSelector?
    private let prediction: FieldSelector?
    private let label: FieldSelector?
    private let ts: FieldSelector
    private let latencyUs: FieldSelector?
    private let role: FieldSelector?
    private let features: FeatureSelector?
    /// Each listed feature's name (its pointer's last token).
    private let featureNames: [String]

    /// - Precondition: `mapping` maps `key` and `score` (the configuration checks it).
    public init(pipeline: String, _ mapping: TopicMapping) {
        self.pipeline = pipeline
        let f = mapping.fields
        key = f["key"] ?? .key
        score = f["score"] ?? .pointer(try! JSONPointer(parsing: "/score"))
        model = f["model"]
        version = f["version"]
        prediction = f["prediction"]
        label = f["label"]
        ts = f["ts"] ?? .timestamp
        latencyUs = f["latency_us"]
        role = f["role"]
        features = mapping.features
        if case .list(let pointers) = mapping.features {
            featureNames = pointers.map { $0.tokens.last ?? "value" }
        } else {
            featureNames = []
        }
    }

    /// Maps one decoded value into `event` (its storage reused). The version is set only when
    /// it is mapped and resolves to a number (`3`, `"3"`, `"v3"`); `versionKnown` says so, and
    /// the reader then takes the serving version from the models topic. Fields that do not
    /// resolve are missing, as in the contract; a missing key or score makes it unmappable.
    public func map<M: MappedMessage>(_ value: DecodedValue, _ message: M, into event: inout ScoredEvent) -> Result<Bool, Unmappable> {
        guard let keyValue = key.resolve(in: value, message), let keyText = keyValue.text else { return .failure(.noKey) }
        guard let scoreValue = score.resolve(in: value, message)?.number, scoreValue.isFinite else { return .failure(.noScore) }
        event.pipeline = pipeline
        event.key = keyText
        event.score = scoreValue
        event.model = model.flatMap { $0.resolve(in: value, message)?.text } ?? pipeline
        let mappedVersion = version.flatMap { $0.resolve(in: value, message) }.flatMap(Self.versionNumber)
        event.version = mappedVersion ?? 0
        event.tsMs = Self.milliseconds(ts.resolve(in: value, message)) ?? message.timestampMs ?? 0
        event.prediction = prediction.flatMap { $0.resolve(in: value, message) }.flatMap(Self.outcome)
        event.label = label.flatMap { $0.resolve(in: value, message) }.flatMap(Self.outcome)
        event.latencyUs = latencyUs.flatMap { $0.resolve(in: value, message)?.number }.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        event.role = role.flatMap { $0.resolve(in: value, message)?.text }.flatMap { Role(rawValue: $0.lowercased()) } ?? .primary
        event.features.removeAll(keepingCapacity: true)
        switch features {
        case .object(let pointer):
            if case .object(let members)? = pointer.resolve(in: value) {
                for m in members {
                    if let x = m.value.number, x.isFinite { event.features.append(NamedValue(name: m.name, value: x)) }
                }
            }
        case .list(let pointers):
            for (pointer, name) in zip(pointers, featureNames) {
                if let x = pointer.resolve(in: value)?.number, x.isFinite { event.features.append(NamedValue(name: name, value: x)) }
            }
        case nil:
            break
        }
        return .success(mappedVersion != nil)
    }

    /// A version as a number: an integer, or text of digits with an optional `v` (`"v3"`).
    static func versionNumber(_ value: DecodedValue) -> Int? {
        switch value {
        case .int(let i): return Int(exactly: i)
        case .uint(let u): return Int(exactly: u)
        case .double(let d): return d.isFinite && d == d.rounded() && abs(d) < 1e15 ? Int(d) : nil
        case .string(let s):
            let digits = s.hasPrefix("v") || s.hasPrefix("V") ? s.dropFirst() : Substring(s)
            return Int(digits)
        default: return nil
        }
    }

    /// Epoch milliseconds from a number, or from RFC 3339 text (Avro timestamps and Protobuf
    /// Timestamps read as text).
    static func milliseconds(_ value: DecodedValue?) -> Int64? {
        switch value {
        case .int(let i)?: return i
        case .double(let d)? where d.isFinite && abs(d) < 9e15: return Int64(d)
        case .string(let s)?: return try? TimestampText.parseEpochMilliseconds(s)
        default: return nil
        }
    }

    /// A prediction or label: numbers (booleans as 1 and 0) stay numbers, text stays text.
    static func outcome(_ value: DecodedValue) -> Outcome? {
        switch value {
        case .int, .uint, .double: value.number.map(Outcome.number)
        case .bool(let b): .number(b ? 1 : 0)
        case .string(let s), .decimal(let s): .text(s)
        default: nil
        }
    }
}
