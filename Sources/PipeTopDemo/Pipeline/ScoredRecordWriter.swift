import PipeTopCore

/// Writes a pipeline's `scored` and `label` messages into the batch with Core's encoder: its
/// `ScoredRecordTemplate` for the hundreds of thousands of scored records a second the demo
/// makes (pipeline, model, strategy and feature names written once), `EventEncoder` for labels.
struct ScoredRecordWriter: Sendable {
    private let template: ScoredRecordTemplate
    private let pipeline: String

    init(spec: PipelineSpec, featureNames: [String]) {
        pipeline = spec.name
        template = ScoredRecordTemplate(pipeline: spec.name, model: spec.modelName, features: featureNames,
                                        strategy: spec.strategy.rawValue)
    }

    /// The message key of record `sequence`: `<pipeline>-<sequence>`.
    private func key(_ sequence: Int64) -> String { "\(pipeline)-\(sequence)" }

    /// `value` rounded to `decimals` digits after the point: what a scorer would report, and
    /// short to write.
    private static func rounded(_ value: Double, _ scale: Double) -> Double { (value * scale).rounded() / scale }

    /// A score as the records carry it (6 decimals).
    static func written(score: Double) -> Double { rounded(score, 1e6) }

    /// A feature value as the records carry it (4 decimals).
    static func written(feature: Double) -> Double { rounded(feature, 1e4) }

    /// A `scored` record of record `sequence`; a shadow one carries no features.
    func scored(
        sequence seq: Int64, at ts: Int64, version: Int, shadow: Bool, score: Double, prediction: Bool, label: Bool?,
        latencyUs: Double, features: [Double], into batch: inout MessageBatch
    ) {
        let key = key(seq)
        batch.append(topic: .scored, key: key) { out in
            template.write(
                tsMs: ts, key: key, version: version, role: shadow ? .shadow : .primary, score: Self.written(score: score),
                prediction: .number(prediction ? 1 : 0), label: label.map { .number($0 ? 1 : 0) },
                latencyUs: latencyUs.rounded(.towardZero), features: shadow ? [] : features.map { Self.written(feature: $0) }, into: &out)
        }
    }

    /// The `label` message revealing `entry`'s outcome at its due time.
    func label(_ entry: PendingLabels.Entry, into batch: inout MessageBatch) {
        batch.append(.label(LabelEvent(pipeline: pipeline, tsMs: entry.dueMs, key: key(entry.sequence), label: .number(entry.label ? 1 : 0))))
    }
}
