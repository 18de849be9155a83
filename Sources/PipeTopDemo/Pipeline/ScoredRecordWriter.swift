import PipeTopCore

/// Writes a pipeline's `scored` and `label` messages straight into the batch's buffer, the
/// fixed parts (pipeline, model, strategy, feature names) encoded once: the demo writes
/// hundreds of thousands of scored records a second.
struct ScoredRecordWriter: Sendable {
    private let pipeline: String
    private let scoredPrefix: [UInt8]
    private let labelPrefix: [UInt8]
    private let modelField: [UInt8]
    private let strategyField: [UInt8]
    private let featureKeys: [[UInt8]]

    init(spec: PipelineSpec, featureNames: [String]) {
        pipeline = spec.name
        /// `before` + `value` as a JSON string + `after`.
        func field(_ before: StaticString, _ value: String, _ after: StaticString = "") -> [UInt8] {
            var out: [UInt8] = []
            JSONBytes.ascii(before, &out)
            JSONBytes.string(value, &out)
            JSONBytes.ascii(after, &out)
            return out
        }
        scoredPrefix = field("{\"type\":\"scored\",\"pipeline\":", spec.name, ",\"ts_ms\":")
        labelPrefix = field("{\"type\":\"label\",\"pipeline\":", spec.name, ",\"ts_ms\":")
        modelField = field(",\"model\":", spec.modelName, ",\"version\":")
        strategyField = field(",\"strategy\":", spec.strategy.rawValue)
        featureKeys = featureNames.enumerated().map { i, name in
            var k: [UInt8] = []
            JSONBytes.ascii(i == 0 ? "{" : ",", &k)
            JSONBytes.string(name, &k)
            k.append(UInt8(ascii: ":"))
            return k
        }
    }

    /// The message key of record `sequence`: `<pipeline>-<sequence>`.
    private func writeKey(_ sequence: Int64, _ out: inout [UInt8]) {
        out.append(contentsOf: pipeline.utf8)
        out.append(UInt8(ascii: "-"))
        JSONBytes.int(sequence, &out)
    }

    /// A `scored` record of record `sequence`; a shadow one carries no features.
    func scored(
        sequence seq: Int64, at ts: Int64, version: Int, shadow: Bool, score: Double, prediction: Bool, label: Bool?,
        latencyUs: Double, features: [Double], into batch: inout MessageBatch
    ) {
        batch.append(topic: .scored, writeKey: { writeKey(seq, &$0) }) { out in
            out.append(contentsOf: scoredPrefix)
            JSONBytes.int(ts, &out)
            JSONBytes.ascii(",\"key\":\"", &out)
            writeKey(seq, &out)
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: modelField)
            JSONBytes.int(Int64(version), &out)
            if shadow { JSONBytes.ascii(",\"role\":\"shadow\"", &out) }
            JSONBytes.ascii(",\"score\":", &out)
            JSONBytes.fixed(score, decimals: 6, &out)
            JSONBytes.ascii(prediction ? ",\"prediction\":1" : ",\"prediction\":0", &out)
            if let label { JSONBytes.ascii(label ? ",\"label\":1" : ",\"label\":0", &out) }
            JSONBytes.ascii(",\"latency_us\":", &out)
            JSONBytes.int(Int64(latencyUs), &out)
            out.append(contentsOf: strategyField)
            if !shadow {
                JSONBytes.ascii(",\"features\":", &out)
                for (f, key) in featureKeys.enumerated() {
                    out.append(contentsOf: key)
                    JSONBytes.fixed(features[f], decimals: 4, &out)
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The `label` message revealing `entry`'s outcome at its due time.
    func label(_ entry: PendingLabels.Entry, into batch: inout MessageBatch) {
        batch.append(topic: .scored, writeKey: { writeKey(entry.sequence, &$0) }) { out in
            out.append(contentsOf: labelPrefix)
            JSONBytes.int(entry.dueMs, &out)
            JSONBytes.ascii(",\"key\":\"", &out)
            writeKey(entry.sequence, &out)
            JSONBytes.ascii(entry.label ? "\",\"label\":1}" : "\",\"label\":0}", &out)
        }
    }
}
