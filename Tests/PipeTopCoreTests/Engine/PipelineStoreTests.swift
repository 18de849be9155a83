import Testing
@testable import PipeTopCore

/// Builders for store tests: a pipeline's instances reporting every second.
enum Feed {
    static func metrics(_ instance: String, pipeline: String = "fraud", atS s: Int64, recordsIn: UInt64,
                        errors: UInt64 = 0, lag: Int64? = nil, le: [Double] = [], counts: [UInt64] = []) -> Event {
        .metrics(MetricsEvent(
            pipeline: pipeline, tsMs: s * 1000, instance: instance, stage: "score", recordsIn: recordsIn,
            recordsOut: recordsIn, errors: errors, lag: lag, latencyLeUs: le, latencyCounts: counts))
    }

    static func scored(_ pipeline: String = "fraud", key: String, atMs: Int64, version: Int = 1, role: Role = .primary,
                       score: Double = 0.5, latencyUs: Double = 1000) -> ScoredEvent {
        ScoredEvent(pipeline: pipeline, tsMs: atMs, key: key, model: "lr", version: version, role: role,
                    score: score, prediction: .number(score >= 0.5 ? 1 : 0), latencyUs: latencyUs,
                    features: [NamedValue(name: "amount", value: score * 100)])
    }
}

@Suite struct PipelineStoreTests {
    @Test func ratesOverWindowsLongerThanWhatWasSeenAreOverWhatWasSeen() {
        // Watched for 4 s at 300 records/s (a CLI's short watch, a pipeline just found).
        var s = StoreState()
        for t in Int64(100)...104 { s.ingest(Feed.metrics("kafka", atS: t, recordsIn: UInt64(t - 100) * 300), source: "m", arrivalMs: t * 1000) }
        for i in 0..<1_200 { s.ingest(scored: Feed.scored(key: "k\(i)", atMs: 100_000 + Int64(i) * 1000 / 300), source: "s", arrivalMs: 104_000) }
        let t = s.snapshot(arrivalMs: 104_000).pipelines[0].throughput
        #expect(t.recordsIn.s1 == 300)
        #expect(t.recordsIn.s10 == 300)
        #expect(t.recordsIn.s60 == 300)
        #expect(abs(t.scored.s10 - 300) <= 1, "\(t.scored)")
        // Reports between second marks, as a watch of a few seconds sees them.
        var w = StoreState()
        for (i, ms) in [Int64(100_400), 101_400, 102_400].enumerated() {
            w.ingest(.metrics(MetricsEvent(pipeline: "fraud", tsMs: ms, instance: "kafka", recordsIn: UInt64(i) * 300, recordsOut: UInt64(i) * 300)),
                     source: "m", arrivalMs: ms)
        }
        let u = w.snapshot(arrivalMs: 102_400).pipelines[0].throughput
        #expect(abs(u.recordsIn.s10 - 300) < 1e-9, "\(u.recordsIn)")
    }

    @Test func throughputIsSummedOverInstancesFromCounterDeltas() {
        var s = StoreState()
        for t in Int64(0)...60 {
            s.ingest(Feed.metrics("a", atS: t, recordsIn: UInt64(t) * 100), source: "m", arrivalMs: t * 1000)
            s.ingest(Feed.metrics("b", atS: t, recordsIn: UInt64(t) * 300, errors: UInt64(t)), source: "m", arrivalMs: t * 1000)
        }
        let p = s.snapshot(arrivalMs: 60_000).pipelines[0]
        #expect(p.name == "fraud")
        #expect(p.throughput.recordsIn.s1 == 400)
        #expect(p.throughput.recordsIn.s10 == 400)
        #expect(p.throughput.recordsIn.s60 == 400)
        #expect(p.throughput.errors.s10 == 1)
        #expect(p.instances.map(\.name) == ["a", "b"])
        #expect(p.status == .ok)
    }

    @Test func instanceRestartIsDetectedAndRateStaysPositive() {
        var s = StoreState()
        s.ingest(Feed.metrics("a", atS: 0, recordsIn: 5_000), source: "m", arrivalMs: 0)
        s.ingest(Feed.metrics("a", atS: 1, recordsIn: 5_100), source: "m", arrivalMs: 1000)
        s.ingest(Feed.metrics("a", atS: 2, recordsIn: 80), source: "m", arrivalMs: 2000)
        let p = s.snapshot(arrivalMs: 2000).pipelines[0]
        #expect(p.instanceResets == 1)
        #expect(p.instances[0].resets == 1)
        #expect(p.throughput.recordsIn.s1 == 80)
    }

    @Test func outOfOrderMetricsAreCountedNotApplied() {
        var s = StoreState()
        s.ingest(Feed.metrics("a", atS: 5, recordsIn: 500), source: "m", arrivalMs: 0)
        s.ingest(Feed.metrics("a", atS: 3, recordsIn: 300), source: "m", arrivalMs: 0)
        s.ingest(Feed.metrics("a", atS: 5, recordsIn: 500), source: "m", arrivalMs: 0)
        let snap = s.snapshot(arrivalMs: 0)
        #expect(snap.pipelines[0].outOfOrder == 2)
        #expect(snap.sources.first { $0.name == "m" }?.outOfOrder == 2)
        #expect(snap.pipelines[0].instances[0].recordsIn == 500)
    }

    @Test func latencyPercentilesMergeInstanceBuckets() {
        var s = StoreState()
        let le: [Double] = [1_000, 10_000, 100_000]
        s.ingest(Feed.metrics("a", atS: 0, recordsIn: 0, le: le, counts: [0, 0, 0, 0]), source: "m", arrivalMs: 0)
        s.ingest(Feed.metrics("b", atS: 0, recordsIn: 0, le: le, counts: [0, 0, 0, 0]), source: "m", arrivalMs: 0)
        s.ingest(Feed.metrics("a", atS: 1, recordsIn: 100, le: le, counts: [90, 100, 100, 100]), source: "m", arrivalMs: 0)
        s.ingest(Feed.metrics("b", atS: 1, recordsIn: 100, le: le, counts: [0, 0, 100, 100]), source: "m", arrivalMs: 0)
        let lat = s.snapshot(arrivalMs: 0).pipelines[0].latency
        #expect(lat?.count == 200)
        // 90 fast, 10 medium, 100 slow: the median sits at the top of the medium bucket.
        #expect(lat?.p50 == 10_000)
        #expect((lat?.p99 ?? 0) > 90_000)
    }

    @Test func scoredRecordsAreCountedPerVersionWithLatency() {
        var s = StoreState()
        for i in 0..<3_000 {
            let ms = Int64(i)  // 3 s of event time, 1,000 records/s
            s.ingest(scored: Feed.scored(key: "k\(i)", atMs: ms, version: i % 3 == 0 ? 2 : 1,
                                         role: i % 3 == 0 ? .shadow : .primary, latencyUs: i % 3 == 0 ? 5_000 : 500),
                     source: "s", arrivalMs: 0)
        }
        let p = s.snapshot(arrivalMs: 0).pipelines[0]
        #expect(p.throughput.scored.s1 == 1_000)
        let v1 = p.stats(for: VersionKey(model: "lr", version: 1)), v2 = p.stats(for: VersionKey(model: "lr", version: 2))
        #expect(v1?.scoredCount == 2_000)
        #expect(v2?.scoredCount == 1_000)
        #expect(v2?.role == .shadow)
        #expect(abs((v1?.latency?.p50 ?? 0) - 500) / 500 < 0.07)
        #expect(abs((v2?.latency?.p50 ?? 0) - 5_000) / 5_000 < 0.07)
    }

    @Test func stalePipelineRaisesACriticalAlertWithSinceTime() {
        let clock = ManualWallClock(nowMs: 1_000_000)
        let store = PipelineStore(clock: clock)
        store.ingest(Feed.metrics("a", atS: 10, recordsIn: 10), source: "m")
        #expect(store.snapshot().pipelines[0].status == .ok)
        clock.advance(byMs: 31_000)
        let snap = store.snapshot()
        #expect(snap.pipelines[0].status == .stale)
        #expect(snap.alerts.map(\.kind) == [.stale])
        #expect(snap.alerts[0].sinceMs == 1_031_000)
        clock.advance(byMs: 5_000)
        #expect(store.snapshot().alerts[0].sinceMs == 1_031_000)
        // Alerts are evaluated once a second: a report clears it in the next one.
        clock.advance(byMs: 1_000)
        store.ingest(Feed.metrics("a", atS: 11, recordsIn: 20), source: "m")
        let cleared = store.snapshot()
        #expect(cleared.alerts.isEmpty)
        #expect(cleared.alertHistory.map(\.change) == [.cleared, .raised])
    }

    @Test func errorRateLatencyAndLagAlertsFireWithSeverity() {
        var s = StoreState(basis: .eventTime)
        let le: [Double] = [100_000, 1_000_000]
        for t in Int64(0)...20 {
            s.ingest(Feed.metrics("a", atS: t, recordsIn: UInt64(t) * 100, errors: UInt64(t) * 20, lag: 150_000,
                                  le: le, counts: [0, UInt64(t) * 100, UInt64(t) * 100]), source: "m", arrivalMs: 0)
        }
        let snap = s.snapshot(arrivalMs: 0)
        let kinds = Dictionary(uniqueKeysWithValues: snap.alerts.map { ($0.kind, $0.severity) })
        #expect(kinds[.errorRate] == .critical)  // 20 % > 10 × 1 %
        #expect(kinds[.latencySLO] == .critical)  // p99 ≈ 991 ms > 2 × 250 ms
        #expect(kinds[.lag] == .warn)
        #expect(snap.pipelines[0].status == .critical)
    }

    @Test func throughputDropAlerts() {
        var s = StoreState(basis: .eventTime)
        var total: UInt64 = 0
        for t in Int64(0)...60 {
            total += t < 50 ? 1_000 : 10
            s.ingest(Feed.metrics("a", atS: t, recordsIn: total), source: "m", arrivalMs: 0)
        }
        #expect(s.snapshot(arrivalMs: 0).alerts.map(\.kind) == [.throughputDrop])
    }

    @Test func malformedInputIsCountedAndAlertsPerSource() {
        var s = StoreState()
        for i in 0..<50 { s.recordMalformed(source: "pipeline.scored", error: "bad \(i)", arrivalMs: 10_000 + Int64(i) * 100) }
        let snap = s.snapshot(arrivalMs: 15_000)
        let src = snap.sources.first { $0.name == "pipeline.scored" }
        #expect(src?.malformed == 50)
        #expect(src?.lastError == "bad 49")
        #expect(snap.alerts.first?.kind == .malformed)
        #expect(snap.alerts.first?.scope == "pipeline.scored")
    }

    @Test func pipelinesBeyondTheCapEvictTheLeastRecent() {
        var settings = EngineSettings()
        settings.limits.maxPipelines = 4
        var s = StoreState(settings: settings)
        for i in 0..<10 { s.ingest(Feed.metrics("a", pipeline: "p\(i)", atS: 1, recordsIn: 1), source: "m", arrivalMs: Int64(i)) }
        let snap = s.snapshot(arrivalMs: 10)
        #expect(snap.pipelines.map(\.name) == ["p6", "p7", "p8", "p9"])
        #expect(snap.evictions == 6)
    }

    @Test func timelineKeepsModelEventsWithoutPayloads() {
        var s = StoreState()
        let big = String(repeating: "x", count: 100_000)
        let e = ModelEvent(pipeline: "fraud", tsMs: 5, model: "lr", version: 3, event: .published,
                           artifact: Artifact(format: "json", sha256: "ab", bytes: 100_000, data: big))
        s.ingest(.model(e), source: "models", arrivalMs: 0)
        s.ingest(.ack(Ack(pipeline: "fraud", tsMs: 6, id: "c1", status: .applied)), source: "control", arrivalMs: 0)
        let timeline = s.snapshot(arrivalMs: 0).timeline
        #expect(timeline.count == 2)
        guard case .model(let kept) = timeline[1].kind else {
            Issue.record("expected the model event second (newest first)")
            return
        }
        #expect(kept.artifact?.data == nil)
        #expect(kept.artifact?.bytes == 100_000)
    }
}

/// Rates measured on Kafka for a mapped pipeline give way to the pipeline's own instances.
@Test func aPipelinesOwnInstancesAreToldApartFromTheMeasuredOne() {
    var s = StoreState(settings: EngineSettings(), basis: .arrival)
    func report(_ instance: String, atMs: Int64) {
        s.ingest(.metrics(MetricsEvent(pipeline: "wine", tsMs: atMs, instance: instance, recordsIn: 1, recordsOut: 1, errors: 0)),
                 source: "metrics", arrivalMs: atMs)
    }
    report("kafka", atMs: 1_000)
    #expect(!s.hasOtherInstances("wine", than: "kafka", sinceMs: 0))
    report("scorer-1", atMs: 2_000)
    #expect(s.hasOtherInstances("wine", than: "kafka", sinceMs: 1_500))
    #expect(!s.hasOtherInstances("wine", than: "kafka", sinceMs: 2_500))
    #expect(!s.hasOtherInstances("other", than: "kafka", sinceMs: 0))
}
