import PipeTopCore

/// A pipeline's faults, when `--faults` asks for them: one every 45 s of event time, the
/// pipelines staggered by their position, the kinds in turn — a scorer restart, a burst of
/// malformed messages, a stalled scorer, a version whose artifact fails to load.
struct FaultInjector: Sendable {
    /// Position among the demo's pipelines (staggers their faults).
    private let index: Int
    private var plan: FaultPlan?
    private var nextLoadFails = false

    init(index: Int) {
        self.index = index
    }

    /// Plans the faults from `nowMs` on.
    mutating func start(atMs nowMs: Int64) {
        plan = FaultPlan(firstAtMs: nowMs + 20_000 + Int64(index) * 11_000, intervalMs: 45_000, firstKind: index)
    }

    /// Whether the next version's load is to fail (asked once per load).
    mutating func takeLoadFailure() -> Bool {
        defer { nextLoadFails = false }
        return nextLoadFails
    }

    /// Injects the fault due at `ts`, if any.
    mutating func injectDue(
        atMs ts: Int64, pipeline: String, scorers: inout ScorerPool, rng: inout SplitMix64, counters: inout DemoCounters,
        into batch: inout MessageBatch
    ) {
        guard let kind = plan?.due(atMs: ts) else { return }
        counters.faultsInjected += 1
        let k = scorers.randomInstance(&rng)
        switch kind {
        case .scorerRestart:
            scorers.restart(k)
        case .malformedBurst:
            let samples: [String] = [
                "{\"type\":\"scored\",\"pipeline\":\"\(pipeline)\",\"ts_ms\":", "not json at all",
                "{\"type\":\"scored\",\"score\":\"high\"}", "\u{1}\u{2}\u{3}\u{FF}", "[1,2,3]",
                "{\"type\":\"scored\",\"pipeline\":\"\(pipeline)\",\"ts_ms\":\(ts),\"score\":1e999}",
            ]
            for i in 0..<30 {
                batch.append(topic: .scored, key: "\(pipeline)-garbage-\(i)", value: Array(samples[i % samples.count].utf8))
            }
            counters.malformedInjected += 30
        case .stalledScorer:
            scorers.stall(k, untilMs: ts + 20_000)
        case .failedLoad:
            nextLoadFails = true
        }
    }
}
