import PipeTopCore

/// A pipeline's scorer instances and how a record is served: the instances take records in
/// turn (a stalled one is passed over), and the router decides, under the pipeline's strategy,
/// which loaded version answers and which score as shadows.
struct ScorerPool: Sendable {
    private(set) var instances: [ScorerInstance]
    private var nextInstance = 0
    private let router: ServingRouter
    /// The decision for the record served last (reused: no allocation per record).
    private(set) var decision = ServingDecision()
    /// The instance that served the record last.
    private(set) var servedBy = 0

    init(pipeline: String, count: Int, router: ServingRouter) {
        instances = (0..<max(1, count)).map { ScorerInstance(name: "\(pipeline)-scorer-\($0)") }
        self.router = router
    }

    /// Serves the record with `features` at `ts` from `lineup`: the outcome is in `decision`.
    mutating func serve<Model>(_ lineup: Lineup<Model>, features: [Double], atMs ts: Int64, rng: inout SplitMix64) {
        var k = nextInstance
        for _ in instances.indices where instances[k].isStalled(atMs: ts) { k = (k + 1) % instances.count }
        nextInstance = (k + 1) % instances.count
        servedBy = k
        router.decide(lineup, features: features, rng: &rng, into: &decision)
        instances[k].served(latencyUs: decision.latencyUs)
    }

    /// One `metrics` event per instance not stalled at `ts`, each with a fresh backlog draw.
    mutating func metrics(
        pipeline: String, atMs ts: Int64, serving: [ServingEntry], rng: inout SplitMix64
    ) -> [MetricsEvent] {
        var events: [MetricsEvent] = []
        for i in instances.indices where !instances[i].isStalled(atMs: ts) {
            instances[i].backlog = Int64(rng.uniform(0, 40))
            let s = instances[i]
            events.append(MetricsEvent(
                pipeline: pipeline, tsMs: ts, instance: s.name, stage: "score", recordsIn: s.recordsIn,
                recordsOut: s.recordsOut, errors: s.errors, lag: s.backlog, latencyLeUs: ScorerInstance.bucketBoundsUs,
                latencyCounts: s.cumulativeCounts, serving: serving))
        }
        return events
    }

    /// An instance drawn at random (the target of a fault).
    func randomInstance(_ rng: inout SplitMix64) -> Int {
        Int(rng.next() % UInt64(instances.count))
    }

    mutating func restart(_ k: Int) {
        instances[k].restart()
    }

    mutating func stall(_ k: Int, untilMs: Int64) {
        instances[k].stalledUntilMs = untilMs
    }
}
