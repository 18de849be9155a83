/// Which version of each model a mapped pipeline serves, as its primary scored records show
/// it, for pipelines whose records carry their version. A version starts to serve once
/// `run` primary records in a row show it, so that two versions interleaving during a
/// rollout do not make it flap, and the change is announced as a `promoted` model event.
///
/// Records older than the moment the serving version started to serve are history, not a
/// change: a topic's partitions are read one batch at a time, and at start-up each
/// partition's backlog replays the versions it saw. Without this, reading a second
/// partition's backlog after the first would promote every earlier version again, once per
/// partition.
public struct ServingFromScored: Sendable {
    private struct Serving: Sendable {
        var version: Int
        /// Time of the first record of the run that made `version` serve.
        var sinceMs: Int64
        var candidate: Int
        var candidateSinceMs: Int64
        var run: Int
    }

    private var models: [String: Serving] = [:]

    /// Primary records in a row that make their version the serving one.
    public static let run = 20
    /// Models followed; past it the map starts again (bounded memory whatever model names a
    /// topic carries).
    public static let maxModels = 1_000

    public init() {}

    /// Notes a primary record of `model` showing `version` at `tsMs`; returns the
    /// `promoted` event (timed at the run's first record, its detail saying how it was seen)
    /// when it makes that version serve.
    public mutating func note(pipeline: String, model: String, version: Int, tsMs: Int64) -> ModelEvent? {
        guard var s = models[model] else {
            if models.count >= Self.maxModels { models.removeAll() }
            models[model] = Serving(version: version, sinceMs: tsMs, candidate: version, candidateSinceMs: tsMs, run: 0)
            return ModelEvent(pipeline: pipeline, tsMs: tsMs, model: model, version: version, event: .promoted,
                              detail: "serving in the first scored record read")
        }
        if version == s.version {
            guard s.run != 0 else { return nil }
            s.run = 0
            models[model] = s
            return nil
        }
        guard tsMs >= s.sinceMs else { return nil }
        if version != s.candidate || s.run == 0 {
            s.candidate = version
            s.candidateSinceMs = tsMs
            s.run = 0
        }
        s.run += 1
        if s.run >= Self.run {
            s = Serving(version: version, sinceMs: s.candidateSinceMs, candidate: version, candidateSinceMs: s.candidateSinceMs, run: 0)
            models[model] = s
            return ModelEvent(pipeline: pipeline, tsMs: s.sinceMs, model: model, version: version, event: .promoted,
                              detail: "serving in \(Self.run) primary scored records in a row")
        }
        models[model] = s
        return nil
    }
}
