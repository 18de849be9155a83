import Testing
@testable import PipeTopCore

/// The store's memory stays bounded whatever the input (README: "Memory").
@Suite struct StoreMemoryTests {
    /// The documented bound of the store's own accounting with default limits: 48 MB.
    static let documentedBound = 48 << 20

    @Test func oneMillionEventsWithManyKeysAndVersionsStayUnderTheBound() {
        var s = StoreState(basis: .eventTime)
        var rng = SeededGenerator(seed: 11)
        let pipelines = (0..<8).map { "p\($0)" }
        var counters = [UInt64](repeating: 0, count: 32)
        var halfway = 0
        for n in 0..<1_000_000 {
            let p = pipelines[n % 8]
            let ts = Int64(n / 50)
            let version = 1 + n / 1_000  // 1,000 versions over the run
            let model = "m\(n % 3)"
            switch n % 20 {
            case 0:
                let inst = n % 32
                counters[inst] += 100
                s.ingest(.metrics(MetricsEvent(
                    pipeline: p, tsMs: ts, instance: "i\(inst)", recordsIn: counters[inst], latencyLeUs: [1_000, 10_000],
                    latencyCounts: [counters[inst], counters[inst], counters[inst]],
                    serving: [ServingEntry(model: model, version: version, role: .primary)])), source: "metrics", arrivalMs: 0)
            case 1:
                s.ingest(.model(ModelEvent(pipeline: p, tsMs: ts, model: model, version: version, event: .candidate)),
                         source: "models", arrivalMs: 0)
            case 2, 3:
                s.ingest(.label(LabelEvent(pipeline: p, tsMs: ts, key: "k\(rng.next() % 100_000)", label: .number(1))),
                         source: "labels", arrivalMs: 0)
            default:
                var e = ScoredEvent(
                    pipeline: p, tsMs: ts, key: "k\(rng.next() % 100_000)", model: model, version: version,
                    role: n % 2 == 0 ? .primary : .shadow, score: Double(rng.next() % 1_000) / 1_000,
                    latencyUs: Double(rng.next() % 10_000))
                e.features = [NamedValue(name: "f\(n % 50)", value: 1)]  // 50 distinct feature names
                s.ingest(scored: e, source: "scored", arrivalMs: 0)
            }
            if n == 500_000 { halfway = s.approximateBytes }
        }
        let snap = s.snapshot(arrivalMs: 0)
        let end = snap.approximateBytes
        #expect(end < Self.documentedBound, "store holds \(end) bytes")
        #expect(Double(end) < Double(halfway) * 1.2, "grew from \(halfway) to \(end) bytes in the second half")
        #expect(snap.pipelines.count == 8)
        #expect(snap.labelJoin.waiting <= 100_000)
        for p in snap.pipelines {
            for m in p.models { #expect(m.versions.count <= StoreLimits().maxVersionsPerModel) }
            #expect(p.versions.filter(\.live).count <= StoreLimits().maxTrackedVersions)
        }
        #expect(s.slots.driftWindows <= StoreLimits().maxDriftWindows)
        #expect(snap.evictions > 0)
    }
}
