import PipeTopCore

/// Writes a pipeline's `scored` and `label` messages into the batch with Core's
/// `EventEncoder`, reusing one record of each role whose names (pipeline, model, strategy,
/// features) are set once: per message only its key and numbers change, so writing the
/// hundreds of thousands of records a second the demo makes allocates nothing per record.
struct ScoredRecordWriter: Sendable {
    private var primary: ScoredEvent
    /// Shadow records carry no features.
    private var shadow: ScoredEvent
    private let pipeline: String

    init(spec: PipelineSpec, featureNames: [String]) {
        pipeline = spec.name
        primary = ScoredEvent(pipeline: spec.name, model: spec.modelName, features: featureNames.map { NamedValue(name: $0, value: 0) },
                              strategy: spec.strategy.rawValue)
        shadow = ScoredEvent(pipeline: spec.name, model: spec.modelName, role: .shadow, strategy: spec.strategy.rawValue)
    }

    /// The message key of record `sequence`: `<pipeline>-<sequence>`.
    private func key(_ sequence: Int64) -> String { "\(pipeline)-\(sequence)" }

    /// `value` rounded to `decimals` digits after the point: what a scorer would report, and
    /// short to write.
    private static func rounded(_ value: Double, _ scale: Double) -> Double { (value * scale).rounded() / scale }

    /// A `scored` record of record `sequence`; a shadow one carries no features.
    mutating func scored(
        sequence seq: Int64, at ts: Int64, version: Int, shadow isShadow: Bool, score: Double, prediction: Bool, label: Bool?,
        latencyUs: Double, features: [Double], into batch: inout MessageBatch
    ) {
        let key = key(seq)
        func fill(_ r: inout ScoredEvent) {
            r.tsMs = ts
            r.key = key
            r.version = version
            r.score = Self.rounded(score, 1e6)
            r.prediction = .number(prediction ? 1 : 0)
            r.label = label.map { .number($0 ? 1 : 0) }
            r.latencyUs = latencyUs.rounded(.towardZero)
        }
        if isShadow {
            fill(&shadow)
            batch.append(topic: .scored, key: key) { EventEncoder.encode(scored: shadow, into: &$0) }
        } else {
            fill(&primary)
            for f in primary.features.indices { primary.features[f].value = Self.rounded(features[f], 1e4) }
            batch.append(topic: .scored, key: key) { EventEncoder.encode(scored: primary, into: &$0) }
        }
    }

    /// The `label` message revealing `entry`'s outcome at its due time.
    func label(_ entry: PendingLabels.Entry, into batch: inout MessageBatch) {
        batch.append(.label(LabelEvent(pipeline: pipeline, tsMs: entry.dueMs, key: key(entry.sequence), label: .number(entry.label ? 1 : 0))))
    }
}
