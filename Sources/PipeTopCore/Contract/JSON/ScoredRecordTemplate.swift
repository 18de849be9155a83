/// Scored records of one pipeline, model and list of features, encoded exactly as
/// `EventEncoder.encode(scored:into:)` encodes them, the members that never change (the
/// pipeline, the model, the role, the strategy, the features' names) written once: for a
/// producer writing hundreds of thousands of records a second (the demo's scorers).
public struct ScoredRecordTemplate: Sendable {
    /// `{"type":"scored","pipeline":"P","ts_ms":`
    private let head: [UInt8]
    /// `,"model":"M","version":`
    private let model: [UInt8]
    /// `,"role":"primary"` and the other roles, by role.
    private let roles: [Role: [UInt8]]
    /// `,"features":{"name":` for the first feature, `,"name":` for the others.
    private let featureKeys: [[UInt8]]
    /// `,"strategy":"S"`, or nothing.
    private let strategy: [UInt8]

    public init(pipeline: String, model: String, features: [String], strategy: String?) {
        func written(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
            var w = JSONWriter([])
            body(&w)
            return w.out
        }
        head = written { w in
            w.raw("{\"type\":\"scored\",\"pipeline\":")
            w.string(pipeline)
            w.raw(",\"ts_ms\":")
        }
        self.model = written { w in
            w.raw(",\"model\":")
            w.string(model)
            w.raw(",\"version\":")
        }
        roles = Dictionary(uniqueKeysWithValues: Role.allCases.map { role in
            (role, written { w in
                w.raw(",\"role\":")
                w.string(role.rawValue)
            })
        })
        featureKeys = features.enumerated().map { i, name in
            written { w in
                w.raw(i == 0 ? ",\"features\":{" : ",")
                w.string(name)
                w.raw(":")
            }
        }
        self.strategy = strategy.map { s in
            written { w in
                w.raw(",\"strategy\":")
                w.string(s)
            }
        } ?? []
    }

    /// Appends the record to `out`; `features` are the values of the template's features, in
    /// its order (none: a record without features, as a shadow's may be).
    public func write(
        tsMs: Int64, key: String, version: Int, role: Role, score: Double, prediction: Outcome?, label: Outcome?,
        latencyUs: Double?, features: [Double], into out: inout [UInt8]
    ) {
        var w = JSONWriter(out)
        out = []
        w.raw(head)
        w.int64(tsMs)
        w.raw(",\"key\":")
        w.string(key)
        w.raw(model)
        w.int(version)
        w.raw(roles[role] ?? [])
        w.raw(",\"score\":")
        w.double(score)
        if let prediction {
            w.raw(",\"prediction\":")
            w.outcome(prediction)
        }
        if let label {
            w.raw(",\"label\":")
            w.outcome(label)
        }
        if let latencyUs {
            w.raw(",\"latency_us\":")
            w.double(latencyUs)
        }
        if !features.isEmpty {
            for (k, value) in zip(featureKeys, features) {
                w.raw(k)
                w.double(value)
            }
            w.raw("}")
        }
        w.raw(strategy)
        w.raw("}")
        out = w.out
    }
}
