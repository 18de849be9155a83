extension JSONScanner {
    /// The members of a `model` object.
    mutating func readModel(first: Bool) throws(DecodeError) -> ModelEvent {
        var first = first
        var seen = FieldKey.type.bit
        var e = ModelEvent(pipeline: "", tsMs: 0, model: "", version: 0, event: .published)
        while let key = try nextKey(first: &first) {
            seen |= key.bit
            switch key {
            case .type: try checkType(.model)
            case .pipeline: e.pipeline = try readString(.pipeline)
            case .tsMs: e.tsMs = try readTimestamp()
            case .v: e.contractVersion = try readInt(.v)
            case .model: e.model = try readString(.model)
            case .version: e.version = try readInt(.version)
            case .event: e.event = try readEnum(.event, as: ModelEventKind.self)
            case .description: e.description = try readOptionalString(.description)
            case .parent: e.parent = try readOptionalInt(.parent)
            case .toVersion: e.toVersion = try readOptionalInt(.toVersion)
            case .cause: e.cause = try readOptionalString(.cause)
            case .detail: e.detail = try readOptionalString(.detail)
            case .instance: e.instance = try readOptionalString(.instance)
            case .metrics:
                let n = try readNamedValues(.metrics, into: &e.metrics)
                e.metrics.removeLast(e.metrics.count - n)
            case .artifact: e.artifact = try readNull() ? nil : readArtifact()
            case .reference: e.reference = try readNull() ? nil : readReference()
            default: try skipValue()
            }
        }
        let required = FieldKey.pipeline.bit | FieldKey.tsMs.bit | FieldKey.model.bit | FieldKey.version.bit
            | FieldKey.event.bit
        try check(seen, required: required, closedAt: pos - 1)
        return e
    }

    /// `artifact: {format, sha256, bytes, data?, uri?}`; only `format` is required.
    private mutating func readArtifact() throws(DecodeError) -> Artifact {
        guard try peek() == UInt8(ascii: "{") else { throw mismatch(.artifact, "an object") }
        try enterContainer(UInt8(ascii: "{"))
        var a = Artifact(format: "")
        do throws(DecodeError) {
            var seen: UInt64 = 0
            var first = true
            var bytesAt = 0
            while let key = try nextKey(first: &first) {
                seen |= key.bit
                switch key {
                case .format: a.format = try readString(.format)
                case .sha256: a.sha256 = try readString(.sha256)
                case .bytes:
                    bytesAt = pos
                    a.bytes = try readInt64(.bytes)
                case .data: a.data = try readOptionalString(.data)
                case .uri: a.uri = try readOptionalString(.uri)
                default: try skipValue()
                }
            }
            try check(seen, required: FieldKey.format.bit, closedAt: pos - 1)
            if a.bytes < 0 { throw error(.invalidValue(field: "bytes", expected: "a non-negative integer"), bytesAt) }
        } catch {
            throw error.within("artifact")
        }
        return a
    }

    /// `reference: {edges, counts, n, sample?, features?: {name: {edges, counts, n, sample?}}}`.
    private mutating func readReference() throws(DecodeError) -> Reference {
        var features: [String: ReferenceHistogram] = [:]
        let score = try readHistogram(.reference, path: "reference", features: &features)
        return Reference(score: score, features: features)
    }

    /// One histogram object, named `path` in errors; `features` (only allowed at the top level)
    /// collects per-feature ones.
    private mutating func readHistogram(
        _ field: FieldKey, path: String, features: inout [String: ReferenceHistogram]
    ) throws(DecodeError) -> ReferenceHistogram {
        let topLevel = field == .reference
        guard try peek() == UInt8(ascii: "{") else { throw mismatch(field, "an object") }
        try enterContainer(UInt8(ascii: "{"))
        do throws(DecodeError) {
            return try readHistogramMembers(topLevel: topLevel, features: &features)
        } catch {
            throw error.within(path)
        }
    }

    /// The members of a histogram object, after its `{`.
    private mutating func readHistogramMembers(
        topLevel: Bool, features: inout [String: ReferenceHistogram]
    ) throws(DecodeError) -> ReferenceHistogram {
        var h = ReferenceHistogram(edges: [], counts: [], n: 0)
        var seen: UInt64 = 0
        var first = true
        var countsAt = 0
        while let key = try nextKey(first: &first) {
            seen |= key.bit
            switch key {
            case .edges: try readDoubles(.edges, into: &h.edges)
            case .counts:
                countsAt = pos
                try readDoubles(.counts, into: &h.counts)
            case .n:
                let at = pos
                let n = try readInt64(.n)
                guard n >= 0 else { throw error(.numberOutOfRange(field: "n", expected: "a non-negative integer"), at) }
                h.n = Int(n)
            case .sample:
                if try readNull() {
                    h.sample = nil
                } else {
                    var sample: [Double] = []
                    try readDoubles(.sample, into: &sample)
                    h.sample = sample
                }
            case .features where topLevel:
                if try readNull() { continue }
                guard try peek() == UInt8(ascii: "{") else { throw mismatch(.features, "an object") }
                try enterContainer(UInt8(ascii: "{"))
                var firstFeature = true
                while let feature = try nextMember(first: &firstFeature) {
                    let featureName = string(feature)
                    var unused: [String: ReferenceHistogram] = [:]
                    features[featureName] = try readHistogram(.features, path: "features." + featureName, features: &unused)
                }
            default: try skipValue()
            }
        }
        try check(seen, required: FieldKey.edges.bit | FieldKey.counts.bit | FieldKey.n.bit, closedAt: pos - 1)
        // Values go to searchsorted(edges, x, side: right): one more bin than edges.
        guard h.counts.count == h.edges.count + 1, h.counts.allSatisfy({ $0 >= 0 }) else {
            let expected = "\(h.edges.count + 1) non-negative counts (one more than edges)"
            throw error(.invalidValue(field: "counts", expected: expected), countsAt)
        }
        return h
    }
}
