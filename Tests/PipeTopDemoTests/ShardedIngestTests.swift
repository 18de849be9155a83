@testable import PipeTopCore
import PipeTopDemo
import Testing

/// Parallel ingest: a recording split over workers into a store of several shards ends in the
/// same state as the same lines read one by one into a store of one.
@Suite struct ShardedIngestTests {
    static let startMs: Int64 = 1_800_000_000_000

    /// A minute of four of the demo's pipelines (with faults: restarts, bad messages, drift,
    /// promotions) as NDJSON lines, and a few lines that are not contract events; below every
    /// cap of the store, so nothing is evicted.
    static let lines = recording(pipelines: 4)

    static func recording(pipelines: Int) -> [[UInt8]] {
        var pipeline = DemoPipeline(settings: demoSettings(pipelines: pipelines, rate: 100, faults: true), startMs: startMs)
        var lines: [[UInt8]] = []
        var batch = MessageBatch()
        pipeline.start(into: &batch)
        repeat {
            pipeline.advance(toMs: pipeline.nowMs + 1_000, into: &batch)
            batch.forEach { _, _, v in lines.append(Array(v)) }
            batch.removeAll()
            if pipeline.nowMs % 7_000 == 0 { lines.append(Array(#"{"type":"scored","pipeline":"#.utf8)) }
            if pipeline.nowMs % 11_000 == 0 { lines.append(Array(#"{"type":"novel","pipeline":"x","ts_ms":1}"#.utf8)) }
        } while pipeline.nowMs < startMs + 60_000
        return lines
    }

    /// Reads `lines` into a store of `shards` shards through as many pool workers, in batches of `batchSize`.
    static func ingest(_ lines: [[UInt8]], shards: Int, batchSize: Int) -> PipelineStore {
        let store = PipelineStore(basis: .eventTime, clock: ManualWallClock(nowMs: startMs), shards: shards)
        let pool = OrderedIngestPool(store: store, source: "replay", workers: shards)
        var batch = LineBatch()
        for line in lines {
            line.withUnsafeBytes { batch.append($0) }
            if batch.count == batchSize {
                pool.submit(batch)
                batch = LineBatch()
            }
        }
        pool.submit(batch)
        pool.finish()
        store.settle()
        return store
    }

    /// Alerts are evaluated per shard as its own event time enters a new second, so a
    /// transition may come up to a second of event time apart; everything else is equal.
    @Test func parallelIngestEndsInTheStateOfSerialIngest() throws {
        let lines = Self.lines
        let serial = Self.ingest(lines, shards: 1, batchSize: 1_000).snapshot()
        let store = Self.ingest(lines, shards: 3, batchSize: 257)
        let parallel = store.snapshot()

        #expect(serial.totalEvents == parallel.totalEvents && serial.totalEvents > 15_000)
        #expect(serial.scoredTotal == parallel.scoredTotal)
        #expect(serial.latestEventMs == parallel.latestEventMs)
        #expect(serial.sources.map(\.name) == parallel.sources.map(\.name))
        for (s, p) in zip(serial.sources, parallel.sources) {
            #expect([s.messages, s.malformed, s.unknownType, s.outOfOrder, s.duplicates]
                == [p.messages, p.malformed, p.unknownType, p.outOfOrder, p.duplicates], "\(s.name)")
            #expect(s.lastError == p.lastError)
        }
        #expect(serial.sources.contains { $0.malformed > 0 && $0.unknownType > 0 })
        #expect(serial.labelJoin == parallel.labelJoin)
        #expect(serial.timeline.count == parallel.timeline.count)
        #expect(Set(serial.timeline) == Set(parallel.timeline))
        #expect(serial.pipelines.map(\.name) == parallel.pipelines.map(\.name) && serial.pipelines.count == 4)
        for (s, p) in zip(serial.pipelines, parallel.pipelines) {
            #expect(s.models == p.models, "\(s.name): registry")
            // The drift trend samples PSI once a second of each shard's event time, so only its
            // length is compared; the drift itself is as of every record once the input ended.
            #expect(s.versions.map(Self.withoutTrends) == p.versions.map(Self.withoutTrends), "\(s.name): per-version counts, latency, drift, quality, agreement")
            #expect(s.throughput == p.throughput, "\(s.name): rates")
            #expect(s.latency == p.latency && s.lag == p.lag && s.instances == p.instances, "\(s.name)")
            #expect(s.status == p.status, "\(s.name)")
            #expect(Set(s.alerts.map(\.id)) == Set(p.alerts.map(\.id)), "\(s.name)")
        }
        #expect(Set(serial.alerts.map(\.id)) == Set(parallel.alerts.map(\.id)) && !serial.alerts.isEmpty)
        let order = { (h: [AlertTransition]) in
            h.sorted { ($0.alert.id, "\($0.change)", $0.atMs) < ($1.alert.id, "\($1.change)", $1.atMs) }
        }
        let (a, b) = (order(serial.alertHistory), order(parallel.alertHistory))
        let describe = { (t: AlertTransition) in "\(t.change) \(t.alert.id) \(t.alert.severity)" }
        #expect(a.map(describe) == b.map(describe))
        #expect(!a.isEmpty && zip(a, b).allSatisfy { abs($0.atMs - $1.atMs) <= 1_000 })
        // Each shard holds only the pipelines that hash to it, and they spread over the shards.
        let names = store.shards.map { $0.withLock { $0.pipelines.names } }
        for (i, shard) in names.enumerated() {
            for name in shard { #expect(ShardRouting.shard(of: name, count: 3) == i, "\(name) in shard \(i)") }
        }
        #expect(names.filter { !$0.isEmpty }.count > 1 && names.joined().count == 4)
    }

    static func withoutTrends(_ v: VersionStats) -> VersionStats {
        var v = v
        v.scoreDrift.trend = []
        for i in v.featureDrift.indices { v.featureDrift[i].trend = [] }
        return v
    }
}
