extension JSONScanner {
    /// Fills `e` from the members of a `scored` object, overwriting every field (absent
    /// optionals become `nil`/defaults) but keeping storage that already holds the same bytes.
    mutating func readScored(into e: inout ScoredEvent, first: Bool) throws(DecodeError) {
        var first = first
        var seen = FieldKey.type.bit
        var featureCount = 0
        e.contractVersion = 1
        e.role = .primary
        e.prediction = nil
        e.label = nil
        e.latencyUs = nil
        e.strategy = nil
        while let key = try nextKey(first: &first) {
            seen |= key.bit
            switch key {
            case .type: try checkType(.scored)
            case .pipeline: try readString(.pipeline, into: &e.pipeline)
            case .tsMs: e.tsMs = try readTimestamp()
            case .v: e.contractVersion = try readInt(.v)
            case .key: try readString(.key, into: &e.key)
            case .model: try readString(.model, into: &e.model)
            case .version: e.version = try readInt(.version)
            case .role: e.role = try readNull() ? .primary : readRole()
            case .score: e.score = try readDouble(.score)
            case .prediction: e.prediction = try readOutcome(.prediction)
            case .label: e.label = try readOutcome(.label)
            case .latencyUs: e.latencyUs = try readNull() ? nil : readDouble(.latencyUs)
            case .features: featureCount = try readNamedValues(.features, into: &e.features)
            case .strategy: e.strategy = try readOptionalString(.strategy)
            default: try skipValue()
            }
        }
        if featureCount < e.features.count {
            e.features.removeLast(e.features.count - featureCount)
        }
        let required = FieldKey.pipeline.bit | FieldKey.tsMs.bit | FieldKey.key.bit | FieldKey.model.bit
            | FieldKey.version.bit | FieldKey.score.bit
        try check(seen, required: required, closedAt: pos - 1)
    }

    /// A repeated `type` member must name the type already chosen (a message has one type).
    mutating func checkType(_ expected: EventType) throws(DecodeError) {
        let at = pos
        guard try readEventType() == expected else {
            throw error(.invalidValue(field: "type", expected: "\"\(expected.rawValue)\", as the first \"type\""), at)
        }
    }

    /// The value of a `type` member.
    mutating func readEventType() throws(DecodeError) -> EventType {
        let at = pos
        let t = try readStringToken(.type)
        let type: EventType?
        switch fieldKey(t) {
        case .scored: type = .scored
        case .metrics: type = .metrics
        case .model: type = .model
        case .label: type = .label
        case .control: type = .control
        case .ack: type = .ack
        default: type = nil
        }
        guard let type else { throw error(.unknownType(string(t)), at) }
        return type
    }
}
