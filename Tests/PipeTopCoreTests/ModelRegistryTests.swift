import Testing

@testable import PipeTopCore

private func ev(
    _ kind: ModelEventKind, _ version: Int, at ts: Int64, model: String = "m", to: Int? = nil, cause: String? = nil,
    instance: String? = nil, detail: String? = nil
) -> ModelEvent {
    ModelEvent(
        pipeline: "p", tsMs: ts, model: model, version: version, event: kind, toVersion: to, cause: cause,
        detail: detail, instance: instance)
}

@Test func fullLifecyclePromoteReplacesPreviousPrimaryWithTheSameCause() {
    var r = ModelRegistry()
    #expect(r.apply(ev(.published, 1, at: 10)) == .applied)
    #expect(r.apply(ev(.promoted, 1, at: 20, cause: "c1")) == .applied)
    #expect(r.apply(ev(.published, 2, at: 30)) == .applied)
    #expect(r.apply(ev(.candidate, 2, at: 40)) == .applied)
    #expect(r.candidates(of: "m") == [2])
    #expect(r.apply(ev(.promoted, 2, at: 50, cause: "c2")) == .applied)

    #expect(r.primary(of: "m") == 2)
    #expect(r.candidates(of: "m").isEmpty)
    let v1 = r.version(model: "m", version: 1)
    let v2 = r.version(model: "m", version: 2)
    #expect(v1?.state == .replaced)
    #expect(v1?.stateSinceMs == 50)
    #expect(
        v1?.transitions.last
            == ModelTransition(
                tsMs: 50, event: .promoted, from: .primary, to: .replaced, cause: "c2", detail: "replaced by v2",
                byVersion: 2))
    #expect(v2?.state == .primary)
    #expect(v2?.transitions.map(\.to) == [.published, .candidate, .primary])
    #expect(v2?.transitions.last?.cause == "c2")
    #expect(v2?.transitions.first?.from == nil)
}

@Test func rollbackRestoresToVersionAndMarksTheWithdrawnOne() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10))
    r.apply(ev(.promoted, 2, at: 20))
    #expect(r.apply(ev(.rolledBack, 2, at: 30, to: 1, cause: "rb")) == .applied)
    #expect(r.primary(of: "m") == 1)
    #expect(r.version(model: "m", version: 2)?.state == .rolledBack)
    let restore = r.version(model: "m", version: 1)?.transitions.last
    #expect(restore?.from == .replaced && restore?.to == .primary && restore?.cause == "rb")
    #expect(restore?.byVersion == 2)
}

@Test func rollbackWithoutTargetIsRefused() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10))
    #expect(r.apply(ev(.rolledBack, 1, at: 20)) == .refused(.missingRollbackTarget))
    #expect(r.apply(ev(.rolledBack, 1, at: 20, to: 1)) == .refused(.missingRollbackTarget))
    #expect(r.primary(of: "m") == 1)
    #expect(r.counters.refused == 2)
}

@Test func previousPrimaryFollowsHistoryNotVersionNumbers() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 3, at: 10))
    r.apply(ev(.published, 4, at: 15))
    r.apply(ev(.promoted, 7, at: 20))
    // v4 was never primary, v3 was: N−1 would be wrong.
    #expect(r.previousPrimary(of: "m") == 3)
    r.apply(ev(.promoted, 9, at: 30))
    #expect(r.previousPrimary(of: "m") == 7)
    r.apply(ev(.rolledBack, 9, at: 40, to: 7))
    // 9 was rolled back: a further rollback goes to 3, not back to 9.
    #expect(r.primary(of: "m") == 7)
    #expect(r.previousPrimary(of: "m") == 3)
}

@Test func previousPrimarySkipsFailedAndRetiredVersions() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10))
    r.apply(ev(.promoted, 2, at: 20))
    r.apply(ev(.promoted, 3, at: 30))
    #expect(r.previousPrimary(of: "m") == 2)
    r.apply(ev(.failed, 2, at: 40, detail: "checksum mismatch"))
    #expect(r.previousPrimary(of: "m") == 1)
    r.apply(ev(.retired, 1, at: 50))
    #expect(r.previousPrimary(of: "m") == nil)
    #expect(r.version(model: "m", version: 2)?.state == .failed)
    #expect(r.version(model: "m", version: 2)?.transitions.last?.detail == "checksum mismatch")
    #expect(r.version(model: "m", version: 1)?.state == .retired)
}

@Test func failingThePrimaryLeavesTheModelWithoutOne() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10))
    r.apply(ev(.failed, 1, at: 20))
    #expect(r.primary(of: "m") == nil)
    #expect(r.version(model: "m", version: 1)?.state == .failed)
}

@Test func exactRepeatsAreDuplicatesAndNotReapplied() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10, cause: "a"))
    r.apply(ev(.promoted, 2, at: 20, cause: "b"))
    #expect(r.apply(ev(.promoted, 1, at: 10, cause: "a")) == .duplicate)
    #expect(r.apply(ev(.promoted, 2, at: 20, cause: "b")) == .duplicate)
    #expect(r.primary(of: "m") == 2)
    #expect(r.version(model: "m", version: 2)?.transitions.count == 1)
    #expect(r.counters.duplicates == 2)
    // Same kind and time but another cause is a different event.
    #expect(r.apply(ev(.promoted, 2, at: 20, cause: "c")) == .applied)
}

@Test func olderEventsAreCountedRecordedAndNotApplied() {
    var r = ModelRegistry()
    r.apply(ev(.published, 5, at: 10))
    r.apply(ev(.promoted, 5, at: 30))
    #expect(r.apply(ev(.candidate, 5, at: 20)) == .outOfOrder)
    let v = r.version(model: "m", version: 5)
    #expect(v?.state == .primary)
    #expect(v?.transitions.last?.outOfOrder == true)
    #expect(v?.transitions.last?.event == .candidate)
    #expect(r.counters.outOfOrder == 1)
    #expect(r.primary(of: "m") == 5)
}

@Test func stalePromotionOfAnotherVersionDoesNotStealPrimary() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 2, at: 100))
    r.apply(ev(.published, 1, at: 10))
    #expect(r.apply(ev(.promoted, 1, at: 50)) == .outOfOrder)
    #expect(r.primary(of: "m") == 2)
    // It did serve before v2 (its promotion was only learned late): replaced, and the rollback target.
    #expect(r.version(model: "m", version: 1)?.state == .replaced)
    #expect(r.previousPrimary(of: "m") == 1)
}

@Test func versionFirstSeenThroughATransitionIsCreated() {
    var r = ModelRegistry()
    var e = ev(.candidate, 4, at: 10)
    e.description = "gbm"
    e.parent = 3
    e.metrics = [NamedValue(name: "auc", value: 0.91)]
    e.artifact = Artifact(format: "onnx", sha256: "ab", bytes: 3, data: "AAAA", uri: nil)
    #expect(r.apply(e) == .applied)
    let v = r.version(model: "m", version: 4)
    #expect(v?.state == .candidate)
    #expect(v?.parent == 3 && v?.description == "gbm")
    #expect(v?.metrics == [NamedValue(name: "auc", value: 0.91)])
    #expect(v?.artifact == ArtifactSummary(format: "onnx", sha256: "ab", bytes: 3, uri: nil))
}

@Test func republishingDoesNotDemoteAPrimary() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10))
    #expect(r.apply(ev(.published, 1, at: 20)) == .applied)
    #expect(r.primary(of: "m") == 1)
    #expect(r.version(model: "m", version: 1)?.state == .primary)
}

@Test func servingModelEventsAreHeartbeatsWithoutStateChange() {
    var r = ModelRegistry()
    r.apply(ev(.candidate, 2, at: 10))
    #expect(r.apply(ev(.serving, 2, at: 20, instance: "s1")) == .applied)
    #expect(r.apply(ev(.serving, 2, at: 20, instance: "s1")) == .duplicate)
    #expect(r.apply(ev(.serving, 2, at: 15, instance: "s1")) == .outOfOrder)
    #expect(r.apply(ev(.serving, 2, at: 25)) == .refused(.missingInstance))
    let v = r.version(model: "m", version: 2)
    #expect(v?.state == .candidate)
    #expect(v?.servingInstances == 1)
    #expect(v?.serving.first == ServingInstance(instance: "s1", role: nil, lastSeenMs: 20))
    #expect(v?.lastEventMs == 20)
    // A heartbeat does not make a later-arriving, older lifecycle event out of order.
    #expect(r.apply(ev(.promoted, 2, at: 18)) == .applied)
    // First seen through `serving`: created as published.
    #expect(r.apply(ev(.serving, 3, at: 30, instance: "s1")) == .applied)
    #expect(r.version(model: "m", version: 3)?.state == .published)
}

@Test func metricsServingCreatesVersionsByRole() {
    var r = ModelRegistry()
    r.observeServing(
        instance: "s1",
        entries: [
            ServingEntry(model: "m", version: 1, role: .primary), ServingEntry(model: "m", version: 2, role: .shadow),
        ],
        tsMs: 100)
    #expect(r.primary(of: "m") == 1)
    #expect(r.candidates(of: "m") == [2])
    // Another version reported primary while the model has one: created, but not made primary.
    r.observeServing(instance: "s2", entries: [ServingEntry(model: "m", version: 3, role: .primary)], tsMs: 110)
    #expect(r.primary(of: "m") == 1)
    #expect(r.version(model: "m", version: 3)?.state == .published)
    #expect(
        r.version(model: "m", version: 1)?.serving == [ServingInstance(instance: "s1", role: .primary, lastSeenMs: 100)]
    )
    #expect(r.version(model: "m", version: 1)?.transitions.last?.event == .serving)
}

@Test func metricsNeverReviveWithdrawnVersions() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10))
    r.apply(ev(.promoted, 2, at: 20))
    r.apply(ev(.retired, 1, at: 30))
    r.apply(ev(.failed, 2, at: 40))
    r.observeServing(instance: "s1", entries: [ServingEntry(model: "m", version: 1, role: .primary)], tsMs: 50)
    r.observeServing(instance: "s1", entries: [ServingEntry(model: "m", version: 2, role: .shadow)], tsMs: 60)
    #expect(r.primary(of: "m") == nil)
    #expect(r.version(model: "m", version: 1)?.state == .retired)
    #expect(r.version(model: "m", version: 2)?.state == .failed)
    // …but who serves it is still recorded.
    #expect(r.version(model: "m", version: 2)?.servingInstances == 1)
}

@Test func publishedVersionReportedAsShadowBecomesCandidate() {
    var r = ModelRegistry()
    r.apply(ev(.published, 2, at: 10))
    r.observeServing(instance: "s1", entries: [ServingEntry(model: "m", version: 2, role: .shadow)], tsMs: 20)
    #expect(r.candidates(of: "m") == [2])
    // A report older than the last lifecycle event infers nothing.
    r.apply(ev(.published, 3, at: 50))
    r.observeServing(instance: "s2", entries: [ServingEntry(model: "m", version: 3, role: .shadow)], tsMs: 40)
    #expect(r.candidates(of: "m") == [2])
}

@Test func anInstanceThatStopsReportingAVersionIsDropped() {
    var r = ModelRegistry()
    r.observeServing(instance: "s1", entries: [ServingEntry(model: "m", version: 1, role: .primary)], tsMs: 10)
    r.observeServing(instance: "s2", entries: [ServingEntry(model: "m", version: 1, role: .primary)], tsMs: 10)
    r.observeServing(instance: "s1", entries: [ServingEntry(model: "m", version: 2, role: .primary)], tsMs: 20)
    #expect(r.version(model: "m", version: 1)?.serving.map(\.instance) == ["s2"])
    #expect(r.version(model: "m", version: 2)?.serving.map(\.instance) == ["s1"])
}

@Test func servingInstancesPerVersionAreCapped() {
    var r = ModelRegistry(maxServingInstancesPerVersion: 4)
    for i in 0..<10 {
        r.observeServing(
            instance: "s\(i)", entries: [ServingEntry(model: "m", version: 1, role: .primary)], tsMs: Int64(i))
    }
    #expect(r.version(model: "m", version: 1)?.serving.map(\.instance) == ["s9", "s8", "s7", "s6"])
    #expect(r.counters.evictedInstances == 6)
}

@Test func evictionKeepsPrimaryCandidateAndRollbackTargetUnderTheCap() {
    var limits = StoreLimits()
    limits.maxVersionsPerModel = 20
    var r = ModelRegistry(limits: limits)
    r.apply(ev(.promoted, 1, at: 1))
    r.apply(ev(.promoted, 2, at: 2))
    r.apply(ev(.candidate, 3, at: 3))
    for v in 4..<1_004 {
        #expect(r.apply(ev(.published, v, at: Int64(v))) == .applied)
    }
    let snap = r.snapshot()
    #expect(snap.count == 1)
    #expect(snap[0].versions.count == 20)
    #expect(snap[0].versions.first?.version == 1_003)
    #expect(r.primary(of: "m") == 2)
    #expect(r.candidates(of: "m") == [3])
    #expect(r.previousPrimary(of: "m") == 1)
    #expect(r.counters.evictedVersions == 1_003 - 20)
}

@Test func aFullModelOfLiveVersionsRefusesNewOnes() {
    var limits = StoreLimits()
    limits.maxVersionsPerModel = 3
    var r = ModelRegistry(limits: limits)
    r.apply(ev(.promoted, 1, at: 1))
    r.apply(ev(.candidate, 2, at: 2))
    r.apply(ev(.candidate, 3, at: 3))
    #expect(r.apply(ev(.published, 4, at: 4)) == .refused(.tooManyVersions))
    #expect(r.version(model: "m", version: 4) == nil)
}

@Test func modelsBeyondTheCapAreRefusedAndOrderIsStable() {
    var limits = StoreLimits()
    limits.maxModelsPerPipeline = 3
    var r = ModelRegistry(limits: limits)
    for name in ["c", "a", "b"] { r.apply(ev(.published, 1, at: 1, model: name)) }
    #expect(r.apply(ev(.published, 1, at: 1, model: "d")) == .refused(.tooManyModels))
    #expect(r.apply(ev(.published, 1, at: 1, model: "")) == .refused(.emptyModelName))
    #expect(r.models == ["c", "a", "b"])
    #expect(r.snapshot().map(\.name) == ["c", "a", "b"])
}

@Test func transitionsPerVersionAreCapped() {
    var limits = StoreLimits()
    limits.maxTransitionsPerVersion = 5
    var r = ModelRegistry(limits: limits)
    for t in 0..<50 { r.apply(ev(t % 2 == 0 ? .candidate : .promoted, 1, at: Int64(t))) }
    let h = r.version(model: "m", version: 1)?.transitions ?? []
    #expect(h.count == 5)
    #expect(h.last?.tsMs == 49)
}

@Test func approximateBytesGrowsThenStaysFlat() {
    var limits = StoreLimits()
    limits.maxVersionsPerModel = 50
    var r = ModelRegistry(limits: limits)
    let empty = r.approximateBytes
    var atCap = 0
    for v in 1...1_000 {
        var e = ev(.published, v, at: Int64(v))
        e.description = "a model trained on window \(v % 10)"
        e.metrics = [NamedValue(name: "auc", value: 0.9)]
        r.apply(e)
        if v == 50 { atCap = r.approximateBytes }
        if v > 50 { #expect(abs(r.approximateBytes - atCap) < atCap / 20) }
    }
    #expect(atCap > empty + 50 * 100)
}

@Test func snapshotListsVersionsNewestFirstWithEveryField() {
    var r = ModelRegistry()
    var e = ev(.published, 1, at: 5)
    e.reference = Reference(score: ReferenceHistogram(edges: [0.5], counts: [1, 1], n: 2))
    r.apply(e)
    r.apply(ev(.promoted, 2, at: 6))
    r.apply(ev(.serving, 2, at: 7, instance: "s1"))
    let m = r.snapshot().first
    #expect(m?.versions.map(\.version) == [2, 1])
    #expect(m?.primary == 2)
    #expect(m?.version(1)?.reference?.score.n == 2)
    #expect(m?.version(2)?.servingInstances == 1)
    #expect(m?.version(2)?.firstSeenMs == 6 && m?.version(2)?.lastEventMs == 7)
}

@Test func rollbackToAnOlderVersionReplacesAThirdPrimary() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10))
    r.apply(ev(.promoted, 2, at: 20))
    r.apply(ev(.promoted, 3, at: 30))
    // The controller withdrew v2 (it says so) and serves v1: v3 no longer serves either.
    #expect(r.apply(ev(.rolledBack, 2, at: 40, to: 1, cause: "x")) == .applied)
    #expect(r.primary(of: "m") == 1)
    #expect(r.version(model: "m", version: 3)?.state == .replaced)
    #expect(r.version(model: "m", version: 3)?.transitions.last?.cause == "x")
}

@Test func rollbackOlderThanTheTargetsLastChangeIsOutOfOrder() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 1, at: 10))
    r.apply(ev(.promoted, 2, at: 20))
    r.apply(ev(.retired, 1, at: 50))
    #expect(r.apply(ev(.rolledBack, 2, at: 40, to: 1)) == .outOfOrder)
    #expect(r.primary(of: "m") == 2)
    #expect(r.version(model: "m", version: 1)?.state == .retired)
}

@Test func rollbackToAnUnknownVersionCreatesIt() {
    var r = ModelRegistry()
    r.apply(ev(.promoted, 8, at: 10))
    #expect(r.apply(ev(.rolledBack, 8, at: 20, to: 6)) == .applied)
    #expect(r.primary(of: "m") == 6)
    #expect(r.version(model: "m", version: 6)?.transitions.first?.from == nil)
}
