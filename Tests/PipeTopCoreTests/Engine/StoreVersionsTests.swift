import Testing
@testable import PipeTopCore

/// The store's per-version measurements: drift, quality from labels, agreement, registry wiring.
@Suite struct StoreVersionsTests {
    static func settings(window: Int = 1_000) -> EngineSettings {
        var s = EngineSettings()
        s.drift.referenceWindow = window
        s.drift.currentWindow = window
        s.drift.minMeaningful = window
        return s
    }

    @Test func scoreAndFeatureDriftAreMeasuredAndAlertWhenTheyShift() {
        var s = StoreState(settings: Self.settings(), basis: .eventTime)
        var rng = SeededGenerator(seed: 3)
        s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: 0, model: "lr", version: 1, event: .promoted)), source: "m", arrivalMs: 0)
        for i in 0..<3_000 {
            // After 2,000 records the score moves up by a lot; the feature stays put.
            let shift = i >= 2_000 ? 0.4 : 0
            let score = min(1, Double.random(in: 0..<1, using: &rng) * 0.5 + shift)
            var e = Feed.scored(key: "k\(i)", atMs: Int64(i), score: score)
            e.features = [NamedValue(name: "amount", value: Double.random(in: 0..<1, using: &rng) * 100)]
            s.ingest(scored: e, source: "s", arrivalMs: 0)
        }
        // Alerts (and drift, refreshed once a second of event time) as the next second begins.
        s.ingest(scored: Feed.scored(key: "next", atMs: 3_000, score: 0.9), source: "s", arrivalMs: 0)
        let snap = s.snapshot(arrivalMs: 0)
        let v = snap.pipelines[0].stats(for: VersionKey(model: "lr", version: 1))
        #expect(v?.scoreDrift.report?.meaningful == true)
        #expect((v?.scoreDrift.report?.psi ?? 0) > 0.25)
        #expect((v?.featureDrift.first?.report?.psi ?? 1) < 0.1)
        #expect(v?.featureDrift.map(\.name) == ["amount"])
        let drift = snap.alerts.filter { $0.kind == .drift }
        #expect(drift.map(\.subject) == ["lr v1 score"])
        #expect(drift.first?.severity == .critical)
    }

    @Test func shippedReferenceDefinesTheBins() {
        var s = StoreState(settings: Self.settings(), basis: .eventTime)
        let reference = Reference(score: ReferenceHistogram(edges: [0.25, 0.5, 0.75], counts: [25, 25, 25, 25], n: 100))
        s.ingest(.model(ModelEvent(pipeline: "p", tsMs: 0, model: "lr", version: 4, event: .candidate, reference: reference)),
                 source: "m", arrivalMs: 0)
        for i in 0..<400 { s.ingest(scored: Feed.scored("p", key: "k\(i)", atMs: 1, version: 4, score: 0.1), source: "s", arrivalMs: 0) }
        let view = s.snapshot(arrivalMs: 0).pipelines[0].stats(for: VersionKey(model: "lr", version: 4))?.scoreDrift
        #expect(view?.edges == [0.25, 0.5, 0.75])
        #expect(view?.currentShares == [1, 0, 0, 0])
        #expect(view?.report != nil)
    }

    @Test func aFeatureWithAShippedReferenceKeepsTheValueOfTheRecordThatIntroducedIt() {
        var s = StoreState(settings: Self.settings(), basis: .eventTime)
        let amount = ReferenceHistogram(edges: [50], counts: [50, 50], n: 100)
        let reference = Reference(score: ReferenceHistogram(edges: [0.5], counts: [50, 50], n: 100), features: ["amount": amount])
        s.ingest(.model(ModelEvent(pipeline: "p", tsMs: 0, model: "lr", version: 1, event: .promoted, reference: reference)), source: "m", arrivalMs: 0)
        for i in 0..<3 { s.ingest(scored: Feed.scored("p", key: "k\(i)", atMs: 1, score: 0.9), source: "s", arrivalMs: 0) }
        let v = s.snapshot(arrivalMs: 0).pipelines[0].stats(for: VersionKey(model: "lr", version: 1))
        #expect(v?.featureDrift.first?.edges == [50])
        #expect(v?.featureDrift.first?.report?.currentCount == 3, "the first record's amount too")
        #expect(v?.scoreDrift.report?.currentCount == 3)
    }

    @Test func lateLabelsJoinByKeyToPrimaryAndShadow() {
        var s = StoreState(settings: Self.settings(), basis: .eventTime)
        for i in 0..<100 {
            let score = i < 50 ? 0.9 : 0.1  // predicts 1 for the first half
            s.ingest(scored: Feed.scored(key: "k\(i)", atMs: Int64(i), version: 1, score: score), source: "s", arrivalMs: 0)
            s.ingest(scored: Feed.scored(key: "k\(i)", atMs: Int64(i), version: 2, role: .shadow, score: 0.9), source: "s", arrivalMs: 0)
        }
        for i in 0..<100 {
            // The truth is 1 for the first 80: v1 is right on 50 + 20, v2 (always 1) on 80.
            s.ingest(.label(LabelEvent(pipeline: "fraud", tsMs: 200, key: "k\(i)", label: .number(i < 80 ? 1 : 0))),
                     source: "labels", arrivalMs: 0)
        }
        let p = s.snapshot(arrivalMs: 0).pipelines[0]
        let v1 = p.stats(for: VersionKey(model: "lr", version: 1)), v2 = p.stats(for: VersionKey(model: "lr", version: 2))
        #expect(v1?.quality.count == 100)
        #expect(v1?.quality.accuracy == 0.7)
        #expect(v2?.quality.accuracy == 0.8)
        #expect((v1?.quality.auc ?? 0) > 0.5)
        // v2 agrees with the primary on the first 50 keys only.
        #expect(v2?.agreement == 0.5)
        #expect(v1?.agreement == nil)
        // A label joins once: repeating them changes nothing.
        s.ingest(.label(LabelEvent(pipeline: "fraud", tsMs: 201, key: "k1", label: .number(0))), source: "labels", arrivalMs: 0)
        #expect(s.snapshot(arrivalMs: 0).pipelines[0].stats(for: VersionKey(model: "lr", version: 1))?.quality.count == 100)
    }

    @Test func inlineLabelsCountWithoutAJoin() {
        var s = StoreState(settings: Self.settings(), basis: .eventTime)
        for i in 0..<10 {
            var e = Feed.scored(key: "k\(i)", atMs: Int64(i), score: 0.9)
            e.label = .number(i < 9 ? 1 : 0)
            s.ingest(scored: e, source: "s", arrivalMs: 0)
        }
        let q = s.snapshot(arrivalMs: 0).pipelines[0].versions[0].quality
        #expect(q.count == 10)
        #expect(q.accuracy == 0.9)
    }

    @Test func registryFollowsModelEventsAndReplacedVersionsKeepFinalNumbers() {
        var s = StoreState(settings: Self.settings(), basis: .eventTime)
        func model(_ v: Int, _ kind: ModelEventKind, _ ts: Int64, cause: String? = nil) {
            s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: ts, model: "lr", version: v, event: kind, cause: cause)),
                     source: "models", arrivalMs: 0)
        }
        model(1, .promoted, 1)
        model(2, .published, 2)
        model(2, .candidate, 3)
        for i in 0..<50 { s.ingest(scored: Feed.scored(key: "k\(i)", atMs: 10, version: 1), source: "s", arrivalMs: 0) }
        model(2, .promoted, 20, cause: "cmd-1")
        let p = s.snapshot(arrivalMs: 0).pipelines[0]
        let lr = p.models.first { $0.name == "lr" }
        #expect(lr?.primary == 2)
        #expect(lr?.version(1)?.state == .replaced)
        #expect(lr?.version(2)?.transitions.last?.cause == "cmd-1")
        let v1 = p.stats(for: VersionKey(model: "lr", version: 1))
        #expect(v1?.live == false)
        #expect(v1?.scoredCount == 50)
        #expect(s.snapshot(arrivalMs: 0).timeline.count == 4)
    }

    @Test func metricsServingListsFeedTheRegistry() {
        var s = StoreState()
        s.ingest(.metrics(MetricsEvent(pipeline: "ctr", tsMs: 1_000, instance: "a", serving: [
            ServingEntry(model: "gbm", version: 3, role: .primary), ServingEntry(model: "gbm", version: 4, role: .shadow),
        ])), source: "m", arrivalMs: 0)
        let gbm = s.snapshot(arrivalMs: 0).pipelines[0].models.first
        #expect(gbm?.primary == 3)
        #expect(gbm?.candidates == [4])
        #expect(gbm?.version(3)?.servingInstances == 1)
    }

    @Test func liveTrackersStayWithinTheGlobalBudget() {
        var settings = Self.settings(window: 100)
        settings.limits.maxTrackedVersions = 4
        settings.limits.maxDriftWindows = 10
        var s = StoreState(settings: settings, basis: .eventTime)
        for v in 1...20 {
            for i in 0..<10 {
                // A version a minute: each earlier one is past its tenure when the next wants a slot.
                var e = Feed.scored(key: "k\(i)", atMs: Int64(v * 60_000 + i), version: v)
                e.features = (0..<5).map { NamedValue(name: "f\($0)", value: Double(i)) }
                s.ingest(scored: e, source: "s", arrivalMs: 0)
            }
        }
        let p = s.snapshot(arrivalMs: 0).pipelines[0]
        #expect(p.versions.filter(\.live).count <= 4)
        #expect(s.slots.driftWindows <= 10)
        #expect(p.versions.count == 20)  // the others keep their final numbers
        #expect(p.stats(for: VersionKey(model: "lr", version: 1))?.scoredCount == 10)
    }

    @Test func versionsScoredTogetherKeepTheirSlotsAgainstNewcomers() {
        var settings = Self.settings(window: 100)
        settings.limits.maxTrackedVersions = 4
        var s = StoreState(settings: settings, basis: .eventTime)
        // Six versions scored in turn, as a fleet's are: the four first in keep their windows
        // whole instead of trading them record by record; the others wait.
        for i in 0..<60 {
            s.ingest(scored: Feed.scored(key: "k\(i)", atMs: Int64(i * 10), version: 1 + i % 6), source: "s", arrivalMs: 0)
        }
        var p = s.snapshot(arrivalMs: 0).pipelines[0]
        #expect(p.versions.map(\.key.version) == [1, 2, 3, 4])
        #expect(p.stats(for: VersionKey(model: "lr", version: 1))?.scoredCount == 10)
        // Once the tracked ones fall quiet beyond the tenure, a waiting version takes a slot.
        s.ingest(scored: Feed.scored(key: "late", atMs: 600 + StoreState.trackerTenureMs + 1, version: 5), source: "s", arrivalMs: 0)
        p = s.snapshot(arrivalMs: 0).pipelines[0]
        #expect(p.stats(for: VersionKey(model: "lr", version: 5))?.live == true)
        #expect(p.stats(for: VersionKey(model: "lr", version: 1))?.live == false)
    }

    @Test func aVersionWithoutWindowsIsShownWaitingUntilItGetsThem() {
        var settings = Self.settings(window: 100)
        settings.limits.maxTrackedVersions = 2
        var s = StoreState(settings: settings, basis: .eventTime)
        func key(_ v: Int) -> VersionKey { VersionKey(model: "lr", version: v) }
        for i in 0..<40 {
            s.ingest(scored: Feed.scored(key: "k\(i)", atMs: Int64(i * 10), version: 1 + i % 4), source: "s", arrivalMs: 0)
        }
        var p = s.snapshot(arrivalMs: 0).pipelines[0]
        #expect(p.versions.map(\.key) == [key(1), key(2)])
        #expect(p.waitingForWindows == [key(3), key(4)])
        // Version 3 gets the slot of a quiet one and stops waiting; 4 is still shown for a while ...
        s.ingest(scored: Feed.scored(key: "late", atMs: 400 + StoreState.trackerTenureMs + 1, version: 3), source: "s", arrivalMs: 0)
        p = s.snapshot(arrivalMs: 0).pipelines[0]
        #expect(p.stats(for: key(3))?.live == true)
        #expect(p.waitingForWindows == [key(4)])
        // ... until its last record is older than the time it is shown for.
        s.ingest(scored: Feed.scored(key: "later", atMs: 400 + StoreState.waitingShownMs + 1, version: 3), source: "s", arrivalMs: 0)
        #expect(s.snapshot(arrivalMs: 0).pipelines[0].waitingForWindows.isEmpty)
    }

    @Test func theVersionsShownWaitingAreBounded() {
        var settings = Self.settings(window: 100)
        settings.limits.maxTrackedVersions = 1
        var s = StoreState(settings: settings, basis: .eventTime)
        for v in 1...100 {
            s.ingest(scored: Feed.scored(key: "k\(v)", atMs: Int64(v), version: v), source: "s", arrivalMs: 0)
        }
        let waiting = s.snapshot(arrivalMs: 0).pipelines[0].waitingForWindows
        #expect(waiting.count == PipelineState.maxWaitingKept)
        #expect(waiting.last == VersionKey(model: "lr", version: 100), "the newest are kept")
    }

    @Test func theFocusedPipelinesVersionsTakeWindowsWithinTheTenure() {
        var settings = Self.settings(window: 100)
        settings.limits.maxTrackedVersions = 2
        // Two shards of one slot each: wherever a pipeline lands, focusing it reaches its shard.
        let store = PipelineStore(settings: settings, basis: .eventTime, shards: 2)
        let names = (0..<6).map { "p\($0)" }
        func score(at ms: Int64) {
            for name in names { store.ingest(.scored(Feed.scored(name, key: "k\(ms)", atMs: ms)), source: "s") }
        }
        score(at: 1)
        for (i, name) in names.enumerated() {
            store.focus(on: name)
            score(at: Int64(2 + i))
            let p = store.snapshot().pipeline(named: name)
            #expect(p?.versions.first?.live == true, "\(name) on screen is followed")
            #expect(p?.waitingForWindows.isEmpty == true)
        }
        store.focus(on: nil)
        score(at: 10)
        #expect(store.snapshot().pipelines.filter { $0.versions.first?.live == true }.count == 2, "the two slots hold two versions")
    }

    @Test func aFinishedVersionsRecordsAreNotShownWaiting() {
        var settings = Self.settings(window: 100)
        settings.limits.maxTrackedVersions = 1
        var s = StoreState(settings: settings, basis: .eventTime)
        for (v, ts) in [(1, Int64(1)), (2, 2)] {
            s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: ts, model: "lr", version: v, event: .promoted)), source: "models", arrivalMs: 0)
        }
        // Another pipeline holds the one slot; a backlog replays the replaced v1, then v2 scores.
        s.ingest(scored: Feed.scored("other", key: "o", atMs: 10), source: "s", arrivalMs: 0)
        s.ingest(scored: Feed.scored(key: "old", atMs: 11, version: 1), source: "s", arrivalMs: 0)
        s.ingest(scored: Feed.scored(key: "new", atMs: 12, version: 2), source: "s", arrivalMs: 0)
        #expect(s.snapshot(arrivalMs: 0).pipeline(named: "fraud")?.waitingForWindows == [VersionKey(model: "lr", version: 2)])
        // A waiting version that finishes (replaced, as a backlog's later records show) waits no more.
        s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: 13, model: "lr", version: 3, event: .promoted)), source: "models", arrivalMs: 0)
        #expect(s.snapshot(arrivalMs: 0).pipeline(named: "fraud")?.waitingForWindows.isEmpty == true)
    }
}
