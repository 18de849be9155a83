extension JSONScanner {
    /// The members of a `label` object.
    mutating func readLabel(first: Bool) throws(DecodeError) -> LabelEvent {
        var first = first
        var seen = FieldKey.type.bit
        var e = LabelEvent(pipeline: "", tsMs: 0, key: "", label: .number(0))
        while let key = try nextKey(first: &first) {
            switch key {
            case .type: try checkType(.label)
            case .pipeline: e.pipeline = try readString(.pipeline)
            case .tsMs: e.tsMs = try readTimestamp()
            case .v: e.contractVersion = try readInt(.v)
            case .key: e.key = try readString(.key)
            case .label:
                // A label message without a label says nothing: `null` counts as missing.
                guard let label = try readOutcome(.label) else { continue }
                e.label = label
            default: try skipValue()
            }
            seen |= key.bit
        }
        try check(seen, required: FieldKey.pipeline.bit | FieldKey.tsMs.bit | FieldKey.key.bit | FieldKey.label.bit, closedAt: pos - 1)
        return e
    }

    /// The members of a `control` object.
    mutating func readControl(first: Bool) throws(DecodeError) -> ControlCommand {
        var first = first
        var seen = FieldKey.type.bit
        var e = ControlCommand(pipeline: "", tsMs: 0, id: "", action: .promote, model: "", version: 0, requestedBy: "")
        while let key = try nextKey(first: &first) {
            seen |= key.bit
            switch key {
            case .type: try checkType(.control)
            case .pipeline: e.pipeline = try readString(.pipeline)
            case .tsMs: e.tsMs = try readTimestamp()
            case .v: e.contractVersion = try readInt(.v)
            case .id: e.id = try readString(.id)
            case .action: e.action = try readEnum(.action, as: ControlAction.self)
            case .model: e.model = try readString(.model)
            case .version: e.version = try readInt(.version)
            case .fromVersion: e.fromVersion = try readOptionalInt(.fromVersion)
            case .requestedBy: e.requestedBy = try readString(.requestedBy)
            case .reason: e.reason = try readOptionalString(.reason)
            default: try skipValue()
            }
        }
        let required = FieldKey.pipeline.bit | FieldKey.tsMs.bit | FieldKey.id.bit | FieldKey.action.bit
            | FieldKey.model.bit | FieldKey.version.bit | FieldKey.requestedBy.bit
        try check(seen, required: required, closedAt: pos - 1)
        return e
    }

    /// The members of an `ack` object.
    mutating func readAck(first: Bool) throws(DecodeError) -> Ack {
        var first = first
        var seen = FieldKey.type.bit
        var e = Ack(pipeline: "", tsMs: 0, id: "", status: .applied)
        while let key = try nextKey(first: &first) {
            seen |= key.bit
            switch key {
            case .type: try checkType(.ack)
            case .pipeline: e.pipeline = try readString(.pipeline)
            case .tsMs: e.tsMs = try readTimestamp()
            case .v: e.contractVersion = try readInt(.v)
            case .id: e.id = try readString(.id)
            case .status: e.status = try readEnum(.status, as: AckStatus.self)
            case .detail: e.detail = try readOptionalString(.detail)
            default: try skipValue()
            }
        }
        try check(seen, required: FieldKey.pipeline.bit | FieldKey.tsMs.bit | FieldKey.id.bit | FieldKey.status.bit, closedAt: pos - 1)
        return e
    }
}
