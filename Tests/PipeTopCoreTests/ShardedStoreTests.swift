import PipeTopCore
import Testing

/// A store split into shards reads as one: a merged snapshot cuts the tail and timeline to
/// one store's size, newest first, adds the sources' counters and says when a live store went quiet.
@Suite struct ShardedStoreTests {
    static let t0: Int64 = 1_800_000_000_000

    static func store(shards: Int, clock: ManualWallClock, basis: StalenessBasis = .eventTime) -> PipelineStore {
        var settings = EngineSettings()
        settings.limits.tailRecords = 10
        settings.limits.timelineEntries = 5
        return PipelineStore(settings: settings, basis: basis, clock: clock, shards: shards)
    }

    @Test func aMergedSnapshotKeepsTheNewestOfEveryShardCutToOneStoresSize() {
        let clock = ManualWallClock(nowMs: Self.t0)
        let store = Self.store(shards: 3, clock: clock)
        let names = (0..<6).map { "p\($0)" }
        #expect(Set(names.map { ShardRouting.shard(of: $0, count: 3) }).count == 3, "the names cover every shard")
        for i in 0..<100 {
            let p = names[i % 6]
            store.ingest(.scored(ScoredEvent(pipeline: p, tsMs: Self.t0 + Int64(i) * 10, key: "k\(i)", model: "m", version: 1, score: 0.5)), source: "s")
            if i % 10 == 0 {
                store.ingest(.model(ModelEvent(pipeline: p, tsMs: Self.t0 + Int64(i) * 10, model: "m", version: i, event: .published)), source: "models")
            }
        }
        store.withBatch { writer, now in writer.recordMalformed(source: "s", error: "bad", arrivalMs: now) }
        let snap = store.snapshot()
        #expect(snap.recentScored.map(\.key) == (90..<100).reversed().map { "k\($0)" })
        #expect(snap.timeline.map(\.tsMs) == [900, 800, 700, 600, 500].map { Self.t0 + $0 })
        #expect(snap.scoredTotal == 100 && snap.totalEvents == 111)
        #expect(snap.pipelines.map(\.name) == names)
        let s = snap.sources.first { $0.name == "s" }
        #expect(s?.messages == 101 && s?.malformed == 1 && s?.lastError == "bad")
        #expect(snap.sources.first { $0.name == "models" }?.messages == 10)
        #expect(snap.latestEventMs == Self.t0 + 990)
    }

    @Test func aLiveShardedStoreIsQuietOnlyWhenEveryShardIs() {
        let clock = ManualWallClock(nowMs: Self.t0)
        let store = Self.store(shards: 2, clock: clock, basis: .arrival)
        let (a, b) = ("p0", (1...50).map { "p\($0)" }.first { ShardRouting.shard(of: $0, count: 2) != ShardRouting.shard(of: "p0", count: 2) }!)
        store.ingest(.scored(ScoredEvent(pipeline: a, tsMs: Self.t0, key: "k", model: "m", version: 1, score: 0.5)), source: "s")
        clock.advance(byMs: 2_500)
        store.ingest(.scored(ScoredEvent(pipeline: b, tsMs: Self.t0, key: "k", model: "m", version: 1, score: 0.5)), source: "s")
        #expect(store.snapshot().quietSinceMs == nil, "one shard heard something 0 s ago")
        clock.advance(byMs: 3_000)
        #expect(store.snapshot().quietSinceMs == Self.t0 + 2_500)
    }
}
