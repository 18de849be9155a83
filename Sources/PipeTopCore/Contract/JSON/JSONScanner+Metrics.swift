extension JSONScanner {
    /// The members of a `metrics` object.
    mutating func readMetrics(first: Bool) throws(DecodeError) -> MetricsEvent {
        var first = first
        var seen = FieldKey.type.bit
        var e = MetricsEvent(pipeline: "", tsMs: 0, instance: "")
        var countsAt = 0
        while let key = try nextKey(first: &first) {
            seen |= key.bit
            switch key {
            case .type: try checkType(.metrics)
            case .pipeline: e.pipeline = try readString(.pipeline)
            case .tsMs: e.tsMs = try readTimestamp()
            case .v: e.contractVersion = try readInt(.v)
            case .instance: e.instance = try readString(.instance)
            case .stage: e.stage = try readNull() ? "" : readString(.stage)
            case .recordsIn: e.recordsIn = try readUInt64(.recordsIn)
            case .recordsOut: e.recordsOut = try readUInt64(.recordsOut)
            case .errors: e.errors = try readUInt64(.errors)
            case .lag: e.lag = try readNull() ? nil : readInt64(.lag)
            case .latencyLeUs: try readDoubles(.latencyLeUs, into: &e.latencyLeUs)
            case .latencyCounts:
                countsAt = pos
                e.latencyCounts = try readCounts(.latencyCounts)
            case .serving: e.serving = try readServing()
            case .histograms: e.histograms = try readHistograms()
            default: try skipValue()
            }
        }
        let closedAt = pos - 1
        try check(seen, required: FieldKey.pipeline.bit | FieldKey.tsMs.bit | FieldKey.instance.bit, closedAt: closedAt)
        let le = e.latencyLeUs.count
        let n = e.latencyCounts.count
        guard n == le || n == le + 1 else {
            let expected = "\(le) or \(le + 1) counts (one per bound of latency_le_us, maybe one more for +Inf)"
            throw error(.invalidValue(field: "latency_counts", expected: expected), seen & FieldKey.latencyCounts.bit != 0 ? countsAt : closedAt)
        }
        return e
    }

    /// `serving: [{model, version, role}, ...]`; `role` defaults to `primary`.
    private mutating func readServing() throws(DecodeError) -> [ServingEntry] {
        var entries: [ServingEntry] = []
        if try readNull() { return entries }
        guard try peek() == UInt8(ascii: "[") else { throw mismatch(.serving, "an array of objects") }
        try enterContainer(UInt8(ascii: "["))
        var firstElement = true
        while try nextElement(first: &firstElement) {
            guard try peek() == UInt8(ascii: "{") else { throw mismatch(.serving, "an array of objects") }
            try enterContainer(UInt8(ascii: "{"))
            var entry = ServingEntry(model: "", version: 0, role: .primary)
            do throws(DecodeError) {
                var seen: UInt64 = 0
                var first = true
                while let key = try nextKey(first: &first) {
                    seen |= key.bit
                    switch key {
                    case .model: entry.model = try readString(.model)
                    case .version: entry.version = try readInt(.version)
                    case .role: entry.role = try readRole()
                    default: try skipValue()
                    }
                }
                try check(seen, required: FieldKey.model.bit | FieldKey.version.bit, closedAt: pos - 1)
            } catch {
                throw error.within("serving[\(entries.count)]")
            }
            entries.append(entry)
        }
        return entries
    }
}
