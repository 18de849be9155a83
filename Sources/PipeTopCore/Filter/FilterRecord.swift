/// A decoded event a filter can run on: it hands out field values without allocating.
/// Generic use (not `any FilterRecord`) keeps evaluation free of existential boxes.
protocol FilterRecord {
    /// The field's value, `.missing` when this record does not carry it.
    func filterValue(_ field: FilterField) -> FilterValue
}

extension ScoredEvent: FilterRecord {
    @inline(__always)
    func filterValue(_ field: FilterField) -> FilterValue {
        switch field {
        case .pipeline: return .text(pipeline)
        case .tsMs: return .number(Double(tsMs))
        case .contractVersion: return .number(Double(contractVersion))
        case .key: return .text(key)
        case .model: return .text(model)
        case .version: return .number(Double(version))
        case .role: return .role(role)
        case .score: return .number(score)
        case .prediction: return FilterValue(prediction)
        case .label: return FilterValue(label)
        case .latencyUs:
            guard let latencyUs else { return .missing }
            return .number(latencyUs)
        case .strategy:
            guard let strategy else { return .missing }
            return .text(strategy)
        case .feature(let name):
            // A short linear scan; String equality compares the stored bytes, no copies.
            for feature in features where feature.name == name { return .number(feature.value) }
            return .missing
        case .pointer(_, let equivalent):
            guard let equivalent else { return .missing }
            return filterValue(equivalent)
        }
    }
}

/// A `label` event carries `pipeline`, `ts_ms`, `v`, `key` and `label`; every other field is missing.
extension LabelEvent: FilterRecord {
    @inline(__always)
    func filterValue(_ field: FilterField) -> FilterValue {
        switch field {
        case .pipeline: .text(pipeline)
        case .tsMs: .number(Double(tsMs))
        case .contractVersion: .number(Double(contractVersion))
        case .key: .text(key)
        case .label: FilterValue(label)
        case .pointer(_, let equivalent?): filterValue(equivalent)
        default: .missing
        }
    }
}
