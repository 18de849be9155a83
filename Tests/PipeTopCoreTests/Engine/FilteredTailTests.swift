import Testing
import PipeTopCore

/// The Tail screen's filtered view: fed on the ingest path, so a filter sees every record.
@Suite struct FilteredTailTests {
    static func record(_ i: Int, pipeline: String = "fraud", tsMs: Int64 = 1_700_000_000_000) -> ScoredEvent {
        ScoredEvent(pipeline: pipeline, tsMs: tsMs, key: "k\(i)", model: "m", version: 1, score: Double(i % 1_000) / 1_000,
                    prediction: .number(1), label: i % 7 == 0 ? .number(0) : nil)
    }

    @Test func aRareMatchInAFloodIsKeptWhereTheStoresSampledTailMissesIt() throws {
        let store = PipelineStore(basis: .eventTime)
        let view = FilteredTail(filter: try RecordFilter(parsing: "score >= 0.999"), pipeline: nil, limits: StoreLimits())
        store.addScoredObserver(view)
        // 200,000 records in one event-second, 1 in 1,000 matching.
        for i in 0..<200_000 { store.ingest(.scored(Self.record(i)), source: "t") }
        let (records, sampling) = view.newest()
        #expect(records.count == 200 && sampling == TailSampling(), "every match, none sampled out")
        #expect(records.allSatisfy { $0.score >= 0.999 })
        #expect(records.first?.key == "k199999", "newest first")
        let sampled = store.snapshot().recentScored.filter { $0.score >= 0.999 }
        #expect(sampled.count < records.count, "the store's own tail keeps a sample of everything")
        store.removeScoredObserver(view)
        store.ingest(.scored(Self.record(999)), source: "t")
        #expect(view.newest().records.count == 200, "removed: sees nothing more")
    }

    @Test func seedKeepsTheMatchingRecordsOfThePipelineThenNewOnesFollow() throws {
        let seed = (0..<10).map { Self.record($0, pipeline: $0 % 2 == 0 ? "fraud" : "churn") }
        let view = FilteredTail(filter: try RecordFilter(parsing: "has(label)"), pipeline: "fraud", limits: StoreLimits(), seed: seed)
        #expect(view.newest().records.map(\.key) == ["k0"], "k0 is the only labelled fraud record of the seed")
        view.observe(Self.record(14))
        view.observe(Self.record(7, pipeline: "churn"))
        #expect(view.newest().records.map(\.key) == ["k14", "k0"])
    }

    @Test func matchesBeyondWhatAScreenShowsAreSampledAndCounted() {
        var limits = StoreLimits()
        limits.tailRecords = 100
        let view = FilteredTail(filter: nil, pipeline: "fraud", limits: limits)
        for i in 0..<5_000 { view.observe(Self.record(i)) }
        // A second second: its stride comes from the first second's count.
        for i in 0..<5_000 { view.observe(Self.record(i, tsMs: 1_700_000_001_000)) }
        let (records, sampling) = view.newest()
        #expect(records.count == 100)
        #expect(sampling.every == 5)
        #expect((8_000...8_150).contains(sampling.notShown), "1,000 kept the first second and about one in 5 the next, the rest counted")
    }
}
