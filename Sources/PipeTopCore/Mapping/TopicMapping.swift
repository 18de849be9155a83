/// How one topic of a mapped pipeline is read (`[pipelines.scored]`, `[pipelines.models]`,
/// `[pipelines.labels]`): its format, as `--value-format`, and where each field of the
/// contract event comes from.
public struct TopicMapping: Sendable, Hashable {
    /// Which topic of the pipeline a table describes, and the fields it may map.
    public enum Role: String, Sendable, CaseIterable {
        case scored, models, labels

        /// The fields a table of this role maps (`features` is scored's list or object).
        public var fields: [String] {
            switch self {
            case .scored: ["key", "model", "version", "score", "prediction", "label", "ts", "latency_us", "role", "features"]
            case .models: ["model", "version", "artifact", "description", "ts"]
            case .labels: ["key", "label", "ts"]
            }
        }

        /// The fields a table must map (keys default to `@key`, the message key).
        public var required: [String] {
            switch self {
            case .scored: ["score"]
            case .models: []
            case .labels: ["label"]
            }
        }
    }

    public var format: ValueFormat
    /// `--proto-descriptor` and `--proto-message` for this topic.
    public var protoDescriptor: String?
    public var protoMessage: String?
    /// Field name → where it comes from, as configured (`score = "/result/probability"`).
    public var fields: [String: FieldSelector]
    /// Scored `features`: the numbers of an object or array, or one pointer per feature.
    public var features: FeatureSelector?

    public init(format: ValueFormat = .auto, protoDescriptor: String? = nil, protoMessage: String? = nil,
                fields: [String: FieldSelector] = [:], features: FeatureSelector? = nil) {
        self.format = format
        self.protoDescriptor = protoDescriptor
        self.protoMessage = protoMessage
        self.fields = fields
        self.features = features
    }
}

/// Scored `features = "/input"` (what is there: an object's numeric members by name, an
/// array's numeric elements by index, `0`, `1`, …, a number by the pointer's last token) or
/// `features = ["/input/age", "/input/income"]` (each named by its pointer's last token).
public enum FeatureSelector: Sendable, Hashable {
    case value(JSONPointer)
    case list([JSONPointer])
}
