import PipeTopCore

/// A synthetic fleet of light pipelines, as contract events: for scale, not for a story.
///
/// Each pipeline has `versions` versions of one model that went through their lifecycle
/// (published, promoted in turn, the oldest retired; the newest a candidate beside the
/// serving one), `instances` instances reporting metrics every second of event time (counters,
/// lag, latency buckets, what they serve), and its share of a scored stream of
/// `scoredPerSecond` records over the whole fleet. Some pipelines are unwell on purpose, so
/// statuses differ: every 97th is over twice the latency SLO (critical), every 31st lags
/// (warn). Deterministic for a seed; holds no per-pipeline state, so a fleet of any size
/// costs nothing until its events are asked for.
public struct FleetGenerator: Sendable {
    public let pipelines: Int
    public let versions: Int
    public let instances: Int
    public let scoredPerSecond: Int
    /// Event time of second 0.
    public let startMs: Int64
    /// Records in per second each instance reports.
    public let instanceRate: UInt64 = 100
    private var rng: SplitMix64
    private var nextPipeline = 0

    /// Upper bounds (µs) of the latency buckets every instance reports; the last count is `+Inf`.
    static let latencyBoundsUs: [Double] = [1_000, 5_000, 10_000, 50_000, 250_000, 1_000_000]

    public init(pipelines: Int, versions: Int = 20, instances: Int = 10, scoredPerSecond: Int, startMs: Int64 = 1_700_000_000_000, seed: UInt64 = 17) {
        self.pipelines = max(1, pipelines)
        self.versions = max(2, versions)
        self.instances = max(1, instances)
        self.scoredPerSecond = max(0, scoredPerSecond)
        self.startMs = startMs
        rng = SplitMix64(seed: seed)
    }

    /// The name of pipeline `p`, zero-padded so names sort as numbers do.
    public func name(of p: Int) -> String {
        let digits = String(pipelines - 1).count
        let n = String(p)
        return "fleet-" + String(repeating: "0", count: max(0, digits - n.count)) + n
    }

    /// The serving version; the newest is its candidate.
    public var servingVersion: Int { versions - 1 }

    /// Every pipeline's model history, in order, before second 0: each version published,
    /// all but the newest promoted in turn, the older half retired, the newest a candidate.
    public func lifecycle(_ emit: (Event) -> Void) {
        for p in 0..<pipelines {
            let pipeline = name(of: p)
            var tsMs = startMs - Int64(versions * 4)
            func model(_ version: Int, _ kind: ModelEventKind, parent: Int? = nil) {
                tsMs += 1
                emit(.model(ModelEvent(pipeline: pipeline, tsMs: tsMs, model: "m", version: version, event: kind, parent: parent,
                                       metrics: kind == .published ? [NamedValue(name: "auc", value: 0.8)] : [])))
            }
            for v in 1...versions {
                model(v, .published, parent: v > 1 ? v - 1 : nil)
                if v < versions { model(v, .promoted) }
            }
            for v in 1...(versions / 2) { model(v, .retired) }
            model(versions, .candidate)
        }
    }

    /// The events of event-time second `second`: every instance's metrics at its start, then
    /// the fleet's scored records spread over it, pipelines in turn.
    public mutating func second(_ second: Int64, _ emit: (Event) -> Void) {
        let t0 = startMs + second * 1_000
        let done = UInt64(max(0, second + 1))
        for p in 0..<pipelines {
            let pipeline = name(of: p)
            let slow = p % 97 == 3
            // Per instance: the pipeline's lag is their sum, 150,000 for a lagging one (warn).
            let lag: Int64 = p % 31 == 5 ? 15_000 : 4
            let serving = [ServingEntry(model: "m", version: servingVersion, role: .primary),
                           ServingEntry(model: "m", version: versions, role: .shadow)]
            for i in 0..<instances {
                let records = instanceRate * done
                // Cumulative counts per bucket: most under 5 ms, a slow pipeline's past 500 ms.
                let counts = slow
                    ? [0, records / 100, records / 50, records / 20, records / 10, records, records]
                    : [records / 2, records * 9 / 10, records * 99 / 100, records, records, records, records]
                emit(.metrics(MetricsEvent(
                    pipeline: pipeline, tsMs: t0 + Int64(i), instance: "i\(i)", recordsIn: records, recordsOut: records,
                    errors: 0, lag: lag, latencyLeUs: Self.latencyBoundsUs, latencyCounts: counts, serving: serving)))
            }
        }
        for k in 0..<scoredPerSecond {
            let p = nextPipeline
            nextPipeline = (nextPipeline + 1) % pipelines
            let x0 = Double(rng.next() % 10_000) / 10_000, x1 = Double(rng.next() % 10_000) / 10_000
            let shadow = k % 4 == 3
            emit(.scored(ScoredEvent(
                pipeline: name(of: p), tsMs: t0 + Int64(k * 1_000 / max(1, scoredPerSecond)), key: "\(second)-\(k)", model: "m",
                version: shadow ? versions : servingVersion, role: shadow ? .shadow : .primary, score: (x0 + x1) / 2,
                prediction: .number(x0 + x1 > 1 ? 1 : 0), latencyUs: 800 + Double(rng.next() % 2_000),
                features: [NamedValue(name: "x0", value: x0), NamedValue(name: "x1", value: x1)])))
        }
    }
}
