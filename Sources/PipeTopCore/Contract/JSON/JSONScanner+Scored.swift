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
        while let name = try nextMember(first: &first) {
            let key = fieldKey(name)
            seen |= key.bit
            switch key {
            case .type: try checkType(.scored)
            case .pipeline: try readString(.pipeline, into: &e.pipeline)
            case .tsMs: e.tsMs = try readInt64(.tsMs)
            case .v: e.contractVersion = try readInt(.v)
            case .key: try readString(.key, into: &e.key)
            case .model: try readString(.model, into: &e.model)
            case .version: e.version = try readInt(.version)
            case .role: e.role = try readEnum(.role, as: Role.self)
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
        guard try readEventType() == expected else { throw error(.invalidValue(field: "type"), at) }
    }

    /// The value of a `type` member.
    mutating func readEventType() throws(DecodeError) -> EventType {
        let at = pos
        let t = try readStringToken(.type)
        let type: EventType? = withBytes(t) { bytes in
            switch bytes.count {
            case 3: return bytes.elementsEqual("ack".utf8) ? .ack : nil
            case 5: return bytes.elementsEqual("model".utf8) ? .model : bytes.elementsEqual("label".utf8) ? .label : nil
            case 6: return bytes.elementsEqual("scored".utf8) ? .scored : nil
            case 7: return bytes.elementsEqual("metrics".utf8) ? .metrics : bytes.elementsEqual("control".utf8) ? .control : nil
            default: return nil
            }
        }
        guard let type else { throw error(.unknownType(string(t)), at) }
        return type
    }
}
