import Testing
@testable import PipeTopCore

/// Alerts on the data's clock (evaluated when store time enters a new second, never by a
/// snapshot), and a live store's time moving on with the wall clock while nothing arrives.
@Suite struct StoreClockTests {
    /// A replay through an abrupt score drift, one record a second: scores spread evenly over
    /// 0…0.5, shifted up by 0.4 from record 400 on.
    static func driftReplay() -> [ScoredEvent] {
        (0..<700).map { i in
            Feed.scored(key: "k\(i)", atMs: Int64(i) * 1_000, score: Double(i % 50) / 100 + (i >= 400 ? 0.4 : 0))
        }
    }

    static func replayStore() -> StoreState {
        var s = StoreState(settings: StoreVersionsTests.settings(window: 200), basis: .eventTime)
        s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: 0, model: "lr", version: 1, event: .promoted)), source: "m", arrivalMs: 0)
        return s
    }

    @Test func driftAlertIsRaisedAtTheEventTimeOfTheDriftWithOrWithoutSnapshots() throws {
        let events = Self.driftReplay()
        // A display taking a snapshot after every record: when the drift shows in the version's numbers.
        var watched = Self.replayStore()
        var driftedAtMs: Int64?
        for e in events {
            watched.ingest(scored: e, source: "s", arrivalMs: 0)
            let report = watched.snapshot(arrivalMs: 0).pipelines[0].stats(for: VersionKey(model: "lr", version: 1))?.scoreDrift.report
            if driftedAtMs == nil, let r = report, r.alertSeverity != .ok { driftedAtMs = e.tsMs }
        }
        let drifted = try #require(driftedAtMs)
        #expect(drifted > 400_000)
        // A paused display: no snapshot until the end.
        var paused = Self.replayStore()
        for e in events { paused.ingest(scored: e, source: "s", arrivalMs: 0) }
        let end = paused.snapshot(arrivalMs: 0)
        let alert = try #require(end.alerts.first { $0.kind == .drift })
        #expect(alert.sinceMs == drifted)
        #expect(end.alertHistory.first { $0.alert.kind == .drift && $0.change == .raised }?.atMs == drifted)
        let seen = watched.snapshot(arrivalMs: 0)
        #expect(seen.alerts == end.alerts)
        #expect(seen.alertHistory == end.alertHistory)
    }

    /// A live store fed one report a second at 1,000 records/s from 0 to 60 s (event time =
    /// wall clock), then nothing.
    static func quietLiveStore(staleAfter: Double = 30) -> (PipelineStore, ManualWallClock) {
        var settings = EngineSettings()
        settings.alerts.staleAfterSeconds = staleAfter
        let clock = ManualWallClock(nowMs: 0)
        let store = PipelineStore(settings: settings, basis: .arrival, clock: clock)
        for t in Int64(0)...60 {
            clock.set(t * 1_000)
            store.ingest(Feed.metrics("a", atS: t, recordsIn: UInt64(t) * 1_000), source: "m")
        }
        return (store, clock)
    }

    @Test func liveRatesFallToZeroOverTheirWindowsWhenNothingArrives() {
        let (store, clock) = Self.quietLiveStore()
        func rates(afterSilenceMs ms: Int64) -> Throughput.Windows {
            clock.set(60_000 + ms)
            return store.snapshot().pipelines[0].throughput.recordsIn
        }
        // Within the 2 s grace the numbers are the last report's.
        #expect(rates(afterSilenceMs: 2_000) == Throughput.Windows(s1: 1_000, s10: 1_000, s60: 1_000))
        #expect(store.snapshot().quietSinceMs == nil)
        // Then the windows move on with the wall clock over seconds in which nothing arrived.
        #expect(rates(afterSilenceMs: 3_000) == Throughput.Windows(s1: 0, s10: 900, s60: 1_000 * 59 / 60))
        #expect(store.snapshot().quietSinceMs == 60_000)
        #expect(rates(afterSilenceMs: 7_000).s10 == 500)
        #expect(rates(afterSilenceMs: 12_000) == Throughput.Windows(s1: 0, s10: 0, s60: 1_000 * 50 / 60))
        #expect(rates(afterSilenceMs: 62_000) == Throughput.Windows(s1: 0, s10: 0, s60: 0))
        let p = store.snapshot().pipelines[0]
        #expect(p.historyEndSecond == 120)
        #expect(p.history.series(.recordsIn, count: 60, endingBefore: p.historyEndSecond).allSatisfy { $0 == 0 })
    }

    @Test func livePipelineTurnsStaleAfterStaleAfterWithoutSnapshots() throws {
        let (store, clock) = Self.quietLiveStore()
        // The store's tick, four times a second, and no snapshot (a paused display).
        for _ in 0..<(32 * 4) {
            clock.advance(byMs: 250)
            store.tick()
        }
        let snap = store.snapshot()
        #expect(snap.pipelines[0].status == .stale)
        let stale = try #require(snap.alerts.first)
        // 30 s of silence are not yet over 30 s; the next second's evaluation raises it.
        #expect(snap.alerts.count == 1 && stale.kind == .stale && stale.sinceMs == 91_000)
        #expect(stale.message == "no metrics for 32s", "as of the last evaluation, at 92 s")
        // On the way, the falling 10 s rate dropped below half the 60 s one (8 s into the
        // silence); STALE replaces it, as the numbers describe the past.
        #expect(snap.alertHistory.map { [$0.change.rawValue, $0.alert.kind.rawValue, "\($0.atMs)"] } == [
            ["cleared", "throughput_drop", "91000"], ["raised", "stale", "91000"], ["raised", "throughput_drop", "68000"],
        ])
        // The same with a snapshot at every tick: snapshots change nothing.
        let (watched, watchedClock) = Self.quietLiveStore()
        for _ in 0..<(32 * 4) {
            watchedClock.advance(byMs: 250)
            _ = watched.snapshot()
        }
        #expect(watched.snapshot().alertHistory == snap.alertHistory)
        // A report in a new second clears it.
        clock.set(93_000)
        store.ingest(Feed.metrics("a", atS: 93, recordsIn: 61_000), source: "m")
        let back = store.snapshot()
        #expect(back.pipelines[0].status != .stale && !back.alerts.contains { $0.kind == .stale })
        #expect(back.quietSinceMs == nil)
    }

    @Test func aReplayKeepsEventTimeWhenNothingArrives() {
        let clock = ManualWallClock(nowMs: 0)
        let store = PipelineStore(basis: .eventTime, clock: clock)
        for t in Int64(0)...60 { store.ingest(Feed.metrics("a", atS: t, recordsIn: UInt64(t) * 1_000), source: "m") }
        clock.advance(byMs: 3_600_000)
        store.tick()
        let snap = store.snapshot()
        #expect(snap.pipelines[0].throughput.recordsIn.s10 == 1_000)
        #expect(snap.pipelines[0].status == .ok)
        #expect(snap.alerts.isEmpty)
        #expect(snap.quietSinceMs == nil)
    }
}
