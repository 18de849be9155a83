import Testing
import PipeTopCore

/// Which version a mapped pipeline serves, from the versions its primary scored records carry.
@Suite struct ServingFromScoredTests {
    /// (version, ts) of the promoted events `records` produce, read in order.
    private func promotions(_ records: [(version: Int, tsMs: Int64)], model: String = "wine") -> [(Int, Int64)] {
        var serving = ServingFromScored()
        return records.compactMap { r in
            serving.note(pipeline: "p", model: model, version: r.version, tsMs: r.tsMs).map { e in
                #expect(e.event == .promoted && e.model == model && e.pipeline == "p")
                return (e.version, e.tsMs)
            }
        }
    }

    /// One scorer's records spread over four partitions: v1 until ts 400, v2 from then on;
    /// partition p holds the records whose ts is p modulo 4.
    private func partitions() -> [[(version: Int, tsMs: Int64)]] {
        (0..<4).map { p in stride(from: Int64(p), to: 800, by: 4).map { ts in (ts < 400 ? 1 : 2, ts) } }
    }

    @Test func backlogsReadOnePartitionAfterAnotherPromoteEachVersionOnce() {
        // What the dashboard does at start-up: each partition's backlog in turn. Every
        // partition replays v1 then v2; only the first one is news.
        let events = promotions(partitions().flatMap { $0 })
        #expect(events.map(\.0) == [1, 2])
        // Timed at the first record of each version.
        #expect(events.map(\.1) == [0, 400])
    }

    @Test func partitionsReadInBatchesDoNotFlapBack() {
        // Live reading: a batch of 40 records from one partition, then the next, so that a
        // partition behind the others still hands out v1 after v2 took over elsewhere.
        let parts = partitions()
        var interleaved: [(version: Int, tsMs: Int64)] = []
        for batch in stride(from: 0, to: 200, by: 40) {
            for p in parts { interleaved += p[batch..<min(batch + 40, p.count)] }
        }
        #expect(promotions(interleaved).map(\.0) == [1, 2])
    }

    @Test func versionsInterleavingDuringARolloutNeedARunOfTwenty() {
        // v1 serves; then half the records show v2 for a while: no change until 20 in a row.
        var records: [(version: Int, tsMs: Int64)] = (0..<10).map { (1, Int64($0)) }
        records += (10..<110).map { ($0 % 2 == 0 ? 2 : 1, Int64($0)) }
        #expect(promotions(records).map(\.0) == [1])
        records += (110..<129).map { (2, Int64($0)) }
        #expect(promotions(records).map(\.0) == [1], "19 in a row")
        records.append((2, 129))
        let events = promotions(records)
        #expect(events.map(\.0) == [1, 2])
        #expect(events.last?.1 == 110, "timed at the first of the run")
        var serving = ServingFromScored()
        let details = records.compactMap { serving.note(pipeline: "p", model: "wine", version: $0.version, tsMs: $0.tsMs)?.detail }
        #expect(details == ["serving in the first scored record read", "serving in 20 primary scored records in a row"])
    }

    @Test func aRollbackIsSeenOnceNewerRecordsShowTheOldVersion() {
        var records: [(version: Int, tsMs: Int64)] = (0..<30).map { (1, Int64($0)) }
        records += (30..<60).map { (2, Int64($0)) }
        // Old v1 records (from before v2 took over) change nothing, however many.
        records += (0..<30).map { (1, Int64($0)) }
        #expect(promotions(records).map(\.0) == [1, 2])
        // v1 again, newer than v2's start: the pipeline was rolled back.
        records += (60..<80).map { (1, Int64($0)) }
        #expect(promotions(records).map(\.0) == [1, 2, 1])
    }

    @Test func eachModelHasItsOwnServingVersion() {
        var serving = ServingFromScored()
        #expect(serving.note(pipeline: "p", model: "a", version: 3, tsMs: 1)?.version == 3)
        #expect(serving.note(pipeline: "p", model: "b", version: 7, tsMs: 2)?.version == 7)
        #expect(serving.note(pipeline: "p", model: "a", version: 3, tsMs: 3) == nil)
        // Past the bound the models start again: a model seen anew is announced anew.
        for m in 0..<ServingFromScored.maxModels { _ = serving.note(pipeline: "p", model: "m\(m)", version: 1, tsMs: 4) }
        #expect(serving.note(pipeline: "p", model: "a", version: 3, tsMs: 5)?.version == 3)
    }
}
