/// A field of a scored record that a filter can read, named as in the event contract.
enum FilterField: Sendable, Hashable {
    case pipeline, tsMs, contractVersion, key, model, version, role, score, prediction, label, latencyUs, strategy
    /// `features.NAME`: one numeric input, looked up by name.
    case feature(String)
    /// `/result/score`: a JSON Pointer into a decoded value (any topic, any format). On a
    /// contract event it reads the contract field it names (`/score`, `/features/amount`),
    /// found once at parse time as `equivalent`.
    indirect case pointer(JSONPointer, equivalent: FilterField?)

    /// A pointer field, with its contract equivalent looked up.
    static func pointer(_ pointer: JSONPointer) -> FilterField {
        let tokens = pointer.tokens
        var equivalent: FilterField?
        if tokens.count == 1 {
            equivalent = named(tokens[0])
        } else if tokens.count == 2, tokens[0] == featuresPrefix {
            equivalent = .feature(tokens[1])
        }
        return .pointer(pointer, equivalent: equivalent)
    }

    /// The top-level names, as written in filters (the contract's JSON member names).
    static let named: [(name: String, field: FilterField)] = [
        ("pipeline", .pipeline), ("ts_ms", .tsMs), ("v", .contractVersion), ("key", .key), ("model", .model),
        ("version", .version), ("role", .role), ("score", .score), ("prediction", .prediction), ("label", .label),
        ("latency_us", .latencyUs), ("strategy", .strategy),
    ]

    /// The word that introduces a feature: `features.amount`.
    static let featuresPrefix = "features"

    /// The field called `name`, or nil (for `features`, which needs a feature name).
    static func named(_ name: String) -> FilterField? {
        named.first { $0.name == name }?.field
    }

    /// The closest field name to an unknown `name` (edit distance ≤ 2), for "did you mean".
    static func suggestion(for name: String) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in named.map(\.name) + [featuresPrefix] {
            let distance = EditDistance.between(name, candidate)
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// As written in a filter.
    var name: String {
        switch self {
        case .feature(let feature): return Self.featuresPrefix + "." + feature
        case .pointer(let pointer, _): return pointer.description
        default: return Self.named.first { $0.field == self }?.name ?? "?"
        }
    }

    var type: FilterType {
        switch self {
        case .tsMs, .contractVersion, .version, .score, .latencyUs, .feature: .number
        case .pipeline, .key, .model, .strategy: .text
        case .role: .role
        case .prediction, .label, .pointer: .outcome
        }
    }
}
