import Foundation

/// A column of scored records, shared by the Tail screen (`[ui] tail_columns`, `:columns`)
/// and `pipetop tail --format table|csv --columns`: a contract field, or one feature
/// (`features.amount`).
public enum ScoredColumn: Sendable, Hashable {
    /// Event time of day, `HH:MM:SS.mmm` (UTC).
    case time
    /// Event time as epoch milliseconds.
    case tsMs
    case pipeline, key, model, version, role, score, prediction, label
    /// Whether the prediction matched the label: `hit`, `miss`, or `-` without a label.
    case outcome
    case latency, strategy
    case feature(String)

    /// Every column that is not a feature, in the order help lists them.
    public static let fields: [ScoredColumn] = [
        .time, .tsMs, .pipeline, .key, .model, .version, .role, .score, .prediction, .label, .outcome, .latency, .strategy,
    ]

    /// The Tail screen's columns unless `[ui] tail_columns` says otherwise.
    public static let tailDefaults: [ScoredColumn] = [
        .time, .pipeline, .key, .model, .version, .role, .score, .prediction, .label, .latency,
    ]

    /// The column a name means: a field name (`time`, `ts_ms`, `score`, `latency_us`… as
    /// `fields` lists them, any case) or `features.NAME` (the feature name as it is written).
    public init(name text: String) throws(ScoredColumnError) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasPrefix("features.") {
            let feature = String(trimmed.dropFirst("features.".count))
            guard !feature.isEmpty else { throw .unknown(trimmed) }
            self = .feature(feature)
            return
        }
        let lower = trimmed.lowercased()
        guard let column = Self.fields.first(where: { $0.name == lower || $0.aliases.contains(lower) }) else {
            throw .unknown(trimmed)
        }
        self = column
    }

    /// A list of names separated by commas or spaces (`time,key,score features.amount`); an
    /// empty list is refused, so a table always has a column.
    public static func list(parsing text: String) throws(ScoredColumnError) -> [ScoredColumn] {
        let names = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !names.isEmpty else { throw .empty }
        var columns: [ScoredColumn] = []
        for name in names {
            let column = try ScoredColumn(name: name)
            if !columns.contains(column) { columns.append(column) }
        }
        return columns
    }

    /// The name the column is given by (and that `list(parsing:)` reads back).
    public var name: String {
        switch self {
        case .time: "time"
        case .tsMs: "ts_ms"
        case .pipeline: "pipeline"
        case .key: "key"
        case .model: "model"
        case .version: "version"
        case .role: "role"
        case .score: "score"
        case .prediction: "prediction"
        case .label: "label"
        case .outcome: "outcome"
        case .latency: "latency_us"
        case .strategy: "strategy"
        case .feature(let f): "features.\(f)"
        }
    }

    private var aliases: [String] {
        switch self {
        case .version: ["ver", "v"]
        case .prediction: ["pred"]
        case .latency: ["latency", "lat"]
        case .time: ["ts"]
        default: []
        }
    }

    /// The header a table shows.
    public var header: String {
        switch self {
        case .tsMs: "TS_MS"
        case .version: "VER"
        case .prediction: "PRED"
        case .latency: "LAT_US"
        case .feature(let f): f.uppercased()
        default: name.uppercased()
        }
    }

    /// Numbers align right.
    public var isNumeric: Bool {
        switch self {
        case .tsMs, .version, .score, .prediction, .label, .latency, .feature: true
        default: false
        }
    }

    /// How many characters the column's values usually need (nil: it takes what is left).
    public var width: Int? {
        switch self {
        case .time: 12
        case .tsMs: 13
        case .pipeline: 10
        case .key, .model, .strategy: nil
        case .version: 4
        case .role: 7
        case .score: 7
        case .prediction, .label: 5
        case .outcome: 7
        case .latency: 8
        case .feature(let f): max(8, f.count)
        }
    }

    /// The value of the column for `e`, as text; `-` where the record has none.
    public func text(_ e: ScoredEvent) -> String {
        value(e) ?? "-"
    }

    /// The value of the column for `e`, as text; nil where the record has none.
    public func value(_ e: ScoredEvent) -> String? {
        switch self {
        case .time: String(TimestampText.format(epochMilliseconds: e.tsMs).dropFirst(11).prefix(12))
        case .tsMs: String(e.tsMs)
        case .pipeline: e.pipeline
        case .key: e.key
        case .model: e.model
        case .version: String(e.version)
        case .role: e.role.rawValue
        case .score: abs(e.score) < 1e15 ? String(format: "%.4f", e.score) : String(e.score)  // no 300-digit text for 1e308
        case .prediction: e.prediction?.text
        case .label: e.label?.text
        case .outcome: Self.outcome(e).map { $0 ? "hit" : "miss" }
        case .latency: e.latencyUs.map { abs($0) < 9e15 ? String(Int64($0.rounded())) : String($0) }
        case .strategy: e.strategy
        case .feature(let f): e.features.first { $0.name == f }.map { ScoredRecordFormat.number($0.value) }
        }
    }

    /// Whether the prediction matched the label (nil without both).
    public static func outcome(_ e: ScoredEvent) -> Bool? {
        guard let p = e.prediction, let l = e.label else { return nil }
        return OutcomeMatch.matches(prediction: p, label: l)
    }
}
