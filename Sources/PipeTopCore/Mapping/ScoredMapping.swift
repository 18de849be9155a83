/// A mapped pipeline's scored records turned into contract `scored` events: the
/// `[pipelines.scored]` selectors compiled once, applied per message into a reused event.
public struct ScoredMapping: Sendable {
    public let pipeline: String
    /// The JSON Pointers the mapping reads, one slot each: what a `JSONPointerReader` of a
    /// JSON record reads for `map(values:…)`.
    public let pointers: [JSONPointer]

    /// One field's source: its selector, and its slot in `pointers` when it is a pointer.
    private struct Field: Sendable {
        let selector: FieldSelector
        let slot: Int
    }

    private let key: Field
    private let score: Field
    private let model: Field?
    private let version: Field?
    private let prediction: Field?
    private let label: Field?
    private let ts: Field
    private let latencyUs: Field?
    private let role: Field?
    /// `features = "/input"`: the slot of that value (an object or array of numbers, or one
    /// number, named `featureName`); or one slot per listed feature.
    public let featuresSlot: Int?
    private let featureName: String
    private let featureList: [(name: String, slot: Int)]

    /// - Precondition: `mapping` maps `score` (the configuration checks it).
    public init(pipeline: String, _ mapping: TopicMapping) {
        self.pipeline = pipeline
        var pointers: [JSONPointer] = []
        func field(_ name: String, default selector: FieldSelector? = nil) -> Field? {
            guard let selector = mapping.fields[name] ?? selector else { return nil }
            guard case .pointer(let p) = selector else { return Field(selector: selector, slot: -1) }
            pointers.append(p)
            return Field(selector: selector, slot: pointers.count - 1)
        }
        key = field("key", default: .key)!
        score = field("score", default: .pointer(.whole))!
        model = field("model")
        version = field("version")
        prediction = field("prediction")
        label = field("label")
        ts = field("ts", default: .timestamp)!
        latencyUs = field("latency_us")
        role = field("role")
        switch mapping.features {
        case .value(let p):
            pointers.append(p)
            featuresSlot = pointers.count - 1
            featureName = Self.name(p)
            featureList = []
        case .list(let list):
            featuresSlot = nil
            featureName = ""
            featureList = list.map { p in
                pointers.append(p)
                return (Self.name(p), pointers.count - 1)
            }
        case nil:
            featuresSlot = nil
            featureName = ""
            featureList = []
        }
        self.pointers = pointers
    }

    /// Maps one decoded value into `event` (its storage reused). The version is set only when
    /// it is mapped and resolves to a number (`3`, `"3"`, `"v3"`); `versionKnown` says so, and
    /// the reader then takes the serving version from the models topic. Fields that do not
    /// resolve are missing, as in the contract; a missing key or score makes it unmappable.
    public func map<M: MappedMessage>(_ value: DecodedValue, _ message: M, into event: inout ScoredEvent) -> Result<Bool, Unmappable> {
        map(TreeValues(tree: value, pointers: pointers), message, into: &event)
    }

    /// The same, from the values of `pointers` (`JSONPointerReader.read`) instead of the tree,
    /// with the features object read as numbers (`numbersAt: featuresSlot`) already in
    /// `event.features` (any other value there left in its slot).
    public func map<M: MappedMessage>(values: [DecodedValue?], _ message: M, into event: inout ScoredEvent) -> Result<Bool, Unmappable> {
        map(values, message, into: &event, featuresRead: true)
    }

    private func map<V: PointerValues, M: MappedMessage>(
        _ values: V, _ message: M, into event: inout ScoredEvent, featuresRead: Bool = false
    ) -> Result<Bool, Unmappable> {
        func value(_ f: Field?) -> DecodedValue? {
            guard let f else { return nil }
            return f.slot >= 0 ? values[f.slot] : f.selector.resolve(in: .null, message)
        }
        guard let keyText = value(key)?.text else { return .failure(.noKey) }
        guard let scoreValue = value(score)?.number, scoreValue.isFinite else { return .failure(.noScore) }
        event.pipeline = pipeline
        event.key = keyText
        event.score = scoreValue
        event.model = value(model)?.text ?? pipeline
        let mappedVersion = value(version).flatMap(Self.versionNumber)
        event.version = mappedVersion ?? 0
        event.tsMs = Self.eventTime(value(ts), message)
        event.prediction = value(prediction).flatMap(Self.outcome)
        event.label = value(label).flatMap(Self.outcome)
        event.latencyUs = value(latencyUs)?.number.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        event.role = value(role)?.text.flatMap { Role(rawValue: $0) ?? Role(rawValue: $0.lowercased()) } ?? .primary
        if !featuresRead { event.features.removeAll(keepingCapacity: true) }
        // Features the reader did not take as numbers (not an object, or other pointers go on
        // below it) are a tree.
        if let slot = featuresSlot, let features = values[slot] {
            event.features.removeAll(keepingCapacity: true)
            switch features {
            case .object(let members):
                for m in members { Self.append(m.value, named: m.name, to: &event.features) }
            case .array(let elements):
                for (i, e) in elements.enumerated() { Self.append(e, named: String(i), to: &event.features) }
            default:
                Self.append(features, named: featureName, to: &event.features)
            }
        }
        for (name, slot) in featureList {
            if let value = values[slot] { Self.append(value, named: name, to: &event.features) }
        }
        return .success(mappedVersion != nil)
    }

    /// A feature's name: its pointer's last token (`value` for the whole value).
    private static func name(_ p: JSONPointer) -> String { p.tokens.last ?? "value" }

    /// `value` as feature `name` when it is a finite number (`DecodedValue.number`'s: numbers,
    /// booleans as 1 and 0, text that reads as a number).
    @inline(__always)
    private static func append(_ value: DecodedValue, named name: String, to features: inout [NamedValue]) {
        if let x = value.number, x.isFinite { features.append(NamedValue(name: name, value: x)) }
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
    /// Timestamps read as text), when within the supported times.
    static func milliseconds(_ value: DecodedValue?) -> Int64? {
        let ms: Int64? =
            switch value {
            case .int(let i)?: i
            case .double(let d)? where d.isFinite && abs(d) < 9e15: Int64(d)
            case .string(let s)?: try? TimestampText.parseEpochMilliseconds(s)
            default: nil
            }
        return supported(ms)
    }

    /// `ms` when it is a time pipetop takes (`TimestampText.supportedMilliseconds`, 1970 to
    /// 9999), else nil: a producer's far-off times are left out, as missing ones are.
    static func supported(_ ms: Int64?) -> Int64? {
        ms.flatMap { TimestampText.supportedMilliseconds.contains($0) ? $0 : nil }
    }

    /// An event's time: the mapped field's, else the record's own timestamp, else 0.
    static func eventTime<M: MappedMessage>(_ value: DecodedValue?, _ message: M) -> Int64 {
        milliseconds(value) ?? supported(message.timestampMs) ?? 0
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

/// Pointer values by slot: read beforehand, or resolved in a tree when asked.
private protocol PointerValues {
    subscript(slot: Int) -> DecodedValue? { get }
}

extension Array: PointerValues where Element == DecodedValue? {}

private struct TreeValues: PointerValues {
    let tree: DecodedValue
    let pointers: [JSONPointer]
    subscript(slot: Int) -> DecodedValue? { pointers[slot].resolve(in: tree) }
}
