import PipeTopCore
import Testing
@testable import PipeTopDemo

@Test func theOperatorsStoryDriftThenACandidateThenRecoveryAfterPromotion() throws {
    var demo = DemoHarness(demoSettings(pipelines: 1, rate: 1_000))
    demo.run(until: 25)
    let before = try #require(demo.accuracy("fraud", version: 1))
    let primaryDrift = { (demo: DemoHarness) in
        demo.pipelineSnapshot("fraud")?.versions.first { $0.key.version == 1 }?.worstDrift?.report?.psi ?? 0
    }
    #expect(primaryDrift(demo) < 0.1, "no drift yet: \(primaryDrift(demo))")
    // Within the first minute: drift over the warn threshold, quality dropping.
    demo.run(until: 59)
    #expect(primaryDrift(demo) > 0.1)
    let during = try #require(demo.accuracy("fraud", version: 1))
    #expect(before - during > 0.08, "accuracy \(before) before the drift, \(during) after")
    #expect(demo.model("fraud")?.candidates.isEmpty == true)
    // The first retraining publishes a candidate, shadow-scored beside the primary.
    demo.run(until: 61)
    let model = try #require(demo.model("fraud"))
    #expect(model.primary == 1)
    #expect(model.candidates == [2])
    let published = try #require(demo.modelEvents.first { $0.version == 2 && $0.event == .published })
    #expect(published.artifact?.data?.isEmpty == false, "the version travels as data")
    #expect(published.reference?.score.counts.isEmpty == false)
    #expect(published.metrics.contains { $0.name == "accuracy" && $0.value > 0.8 })
    demo.run(until: 90)
    let candidateAccuracy = try #require(demo.accuracy("fraud", version: 2))
    let servingAccuracy = try #require(demo.accuracy("fraud", version: 1))
    #expect(candidateAccuracy > servingAccuracy + 0.08, "candidate \(candidateAccuracy), serving \(servingAccuracy)")
    // Promote it: acknowledged, the primary changes, the served answers recover.
    demo.send(promote("fraud", "fraud-lr", to: 2, from: 1, id: "cmd-1"))
    #expect(demo.acks.map(\.status) == [.applied])
    let promoted = try #require(demo.modelEvents.last)
    #expect(promoted.event == .promoted && promoted.version == 2 && promoted.cause == "cmd-1")
    #expect(demo.model("fraud")?.primary == 2)
    #expect(demo.pipeline.servingState(of: "fraud")?.primary == 2)
    demo.run(until: 115)
    let after = try #require(demo.accuracy("fraud", version: 2))
    #expect(after > during + 0.08, "accuracy \(after) after promoting, \(during) while drifting")
    // The same command again is acknowledged as a duplicate and changes nothing.
    demo.send(promote("fraud", "fraud-lr", to: 2, from: 1, id: "cmd-1"))
    #expect(demo.acks.last?.detail == "duplicate")
    #expect(demo.modelEvents.filter { $0.event == .promoted }.count == 2, "v1 at the start, v2 once")
    #expect(demo.undecodable == 0)
}

@Test func everyMessageFollowsTheContract() throws {
    var demo = DemoHarness(demoSettings(pipelines: 4, rate: 200))
    demo.run(until: 65)
    let snapshot = demo.store.snapshot()
    #expect(demo.undecodable == 0)
    #expect(snapshot.sources.allSatisfy { $0.malformed == 0 && $0.unknownType == 0 })
    #expect(Set(snapshot.pipelines.map(\.name)) == ["fraud", "churn", "ctr", "spam"])
    for p in snapshot.pipelines {
        // Two scorer instances report metrics naming every served version with its role.
        #expect(p.instances.count == 2, "\(p.name)")
        #expect(p.throughput.recordsIn.s10 > 150, "\(p.name): \(p.throughput.recordsIn.s10)")
        #expect(p.latency != nil)
        let roles = p.versions.map(\.role)
        #expect(roles.contains(.primary) && roles.contains(.shadow), "\(p.name): \(roles)")
        // Labels arrive by key (delayed label events and inline labels) and are joined.
        #expect((p.versions.first { $0.role == .primary }?.quality.count ?? 0) > 500, "\(p.name)")
    }
    #expect(snapshot.labelJoin.joined > 1_000)
    let strategies = Set(snapshot.recentScored.compactMap(\.strategy))
    #expect(strategies.isSubset(of: Set(ServingStrategy.allCases.map(\.rawValue))))
}

@Test func theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
    func run(seed: UInt64) -> [UInt8] {
        var pipeline = DemoPipeline(settings: demoSettings(pipelines: 2, rate: 300, seed: seed), startMs: 1_000)
        var batch = MessageBatch()
        pipeline.start(into: &batch)
        pipeline.advance(toMs: 1_000 + 15_000, into: &batch)
        return batch.bytes
    }
    let a = run(seed: 7)
    #expect(a.count > 100_000)
    #expect(a == run(seed: 7))
    #expect(a != run(seed: 8))
}

@Test func controlMessagesForOtherPipelinesAcksAndGarbageAreIgnored() {
    var pipeline = DemoPipeline(settings: demoSettings(pipelines: 1, rate: 100), startMs: 0)
    var batch = MessageBatch()
    pipeline.start(into: &batch)
    batch.removeAll()
    var input = MessageBatch()
    input.append(.ack(Ack(pipeline: "fraud", tsMs: 0, id: "x", status: .applied)))
    input.append(.control(promote("elsewhere", "x-lr", to: 2, from: 1, id: "y")))
    input.append(topic: .control, key: "junk", value: Array("{not json".utf8))
    input.forEach { _, _, value in pipeline.receiveControl(value, into: &batch) }
    #expect(batch.isEmpty)
    #expect(pipeline.unreadableControl == 1)
}

@Test func injectedFaultsShowUpAsTheDashboardWouldSeeThem() throws {
    var settings = demoSettings(pipelines: 1, rate: 300, faults: true)
    settings.retrainIntervalMs = 40_000
    var demo = DemoHarness(settings)
    // Faults every 45 s from 20 s: scorer restart, malformed burst, stalled scorer, failed load.
    demo.run(until: 21)
    #expect(demo.pipelineSnapshot("fraud")?.instanceResets == 1)
    demo.run(until: 66)
    #expect(demo.store.snapshot().sources.first?.malformed == 30)
    demo.run(until: 120)
    let p = try #require(demo.pipelineSnapshot("fraud"))
    let stalled = p.instances.map(\.lastSeenMs).min() ?? 0
    #expect(demo.pipeline.nowMs - stalled >= 9_000, "one scorer stopped reporting")
    demo.run(until: 161)
    let failed = try #require(demo.modelEvents.first { $0.event == .failed })
    #expect(failed.detail?.contains("sha256") == true)
    #expect(demo.model("fraud")?.versions.first { $0.version == failed.version }?.state == .failed)
    #expect(demo.pipeline.counters.faultsInjected == 4)
    // A failed version cannot be promoted.
    demo.send(promote("fraud", "fraud-lr", to: failed.version, from: demo.model("fraud")?.primary, id: "f"))
    #expect(demo.acks.last?.status == .rejected)
    #expect(demo.acks.last?.detail?.hasPrefix("v\(failed.version) failed") == true)
}

@Test func pendingLabelsStayBoundedAndComeOutInOrder() {
    var pending = PendingLabels(capacity: 3, dimensions: 2)
    for i in 0..<3 { pending.push(dueMs: Int64(i * 10), sequence: Int64(i), label: i % 2 == 0, features: [Double(i), -Double(i)]) }
    #expect(pending.isFull)
    var features: [Double] = []
    let first = pending.pop(features: &features)
    #expect(first.sequence == 0 && features == [0, 0])
    pending.push(dueMs: 30, sequence: 3, label: true, features: [3, -3])
    #expect(pending.nextDueMs == 10)
    var order: [Int64] = []
    while pending.count > 0 { order.append(pending.pop(features: &features).sequence) }
    #expect(order == [1, 2, 3] && features == [3, -3])
}

@Test func theDemoPipelineObeysRollbackAndRefusesStaleAndUnknownCommands() throws {
    var settings = demoSettings(pipelines: 1, rate: 300)
    settings.retrainIntervalMs = 20_000
    var demo = DemoHarness(settings)
    demo.run(until: 21)
    demo.send(promote("fraud", "fraud-lr", to: 2, from: 1, id: "p"))
    #expect(demo.pipeline.servingState(of: "fraud")?.primary == 2)
    // Someone acting on what they believed served before the promotion is refused.
    demo.send(promote("fraud", "fraud-lr", to: 1, from: 1, id: "stale"))
    #expect(demo.acks.last?.status == .rejected)
    #expect(demo.acks.last?.detail == "stale, serving is v2")
    demo.send(promote("fraud", "fraud-lr", to: 42, from: 2, id: "unknown"))
    #expect(demo.acks.last?.detail == "unknown version v42")
    // Roll back: v1 serves again, the withdrawn v2 is rolled_back with to_version 1.
    demo.send(ControlCommand(
        pipeline: "fraud", tsMs: 0, id: "r", action: .rollback, model: "fraud-lr", version: 1, fromVersion: 2,
        requestedBy: "test@ci", reason: "v2 misbehaves"))
    #expect(demo.acks.last?.status == .applied)
    let rolled = try #require(demo.modelEvents.last)
    #expect(rolled.event == .rolledBack && rolled.version == 2 && rolled.toVersion == 1 && rolled.cause == "r")
    #expect(rolled.description == "rolled back by test@ci: v2 misbehaves")
    #expect(demo.pipeline.servingState(of: "fraud")?.primary == 1)
    #expect(demo.model("fraud")?.primary == 1)
    // Served answers carry v1 again.
    demo.run(until: 23)
    let recent = demo.store.snapshot().recentScored.filter { $0.role == .primary && $0.tsMs > DemoHarness.startMs + 21_500 }
    #expect(!recent.isEmpty && recent.allSatisfy { $0.version == 1 })
}

/// A recording replayed at full speed, in other batch sizes and at other arrival times, reaches
/// the same store state as live ingestion: the store's clock is event time.
@Test func replayingARecordingReachesTheSameStateAsLiveIngestion() throws {
    let startMs: Int64 = 1_800_000_000_000
    var pipeline = DemoPipeline(settings: demoSettings(pipelines: 2, rate: 300, faults: true), startMs: startMs)
    let live = PipelineStore(settings: EngineSettings(), basis: .eventTime, clock: ManualWallClock(nowMs: startMs))
    var ingestor = MessageIngestor()
    var recording: [UInt8] = []
    var batch = MessageBatch()
    pipeline.start(into: &batch)
    repeat {
        pipeline.advance(toMs: pipeline.nowMs + 1_000, into: &batch)
        live.withBatch { state, now in batch.forEach { _, _, v in _ = ingestor.ingest(v, into: &state, source: "demo", arrivalMs: now) } }
        batch.forEach { _, _, v in
            recording.append(contentsOf: v)
            recording.append(UInt8(ascii: "\n"))
        }
        batch.removeAll()
    } while pipeline.nowMs < startMs + 90_000
    // Replay: lines split out of 64 KB chunks, ingested 1,000 at a time, an hour later.
    let replayed = PipelineStore(settings: EngineSettings(), basis: .eventTime, clock: ManualWallClock(nowMs: startMs + 3_600_000))
    var splitter = LineSplitter()
    var replayIngestor = MessageIngestor()
    var lines: [[UInt8]] = []
    func flush() {
        replayed.withBatch { state, now in for l in lines { l.withUnsafeBytes { _ = replayIngestor.ingest($0, into: &state, source: "demo", arrivalMs: now) } } }
        lines.removeAll()
    }
    for chunk in stride(from: 0, to: recording.count, by: 65_536) {
        recording[chunk..<min(recording.count, chunk + 65_536)].withUnsafeBytes { raw in
            splitter.feed(raw) { line in
                lines.append(Array(line))
                if lines.count == 1_000 { flush() }
            }
        }
    }
    splitter.finish { lines.append(Array($0)) }
    flush()
    let a = live.snapshot(), b = replayed.snapshot()
    #expect(a.totalEvents == b.totalEvents && a.totalEvents > 50_000)
    #expect(a.scoredTotal == b.scoredTotal)
    #expect(a.timeline == b.timeline)
    #expect(a.sources.map(\.malformed) == b.sources.map(\.malformed))
    #expect(a.pipelines.map(\.name) == b.pipelines.map(\.name))
    for (p, q) in zip(a.pipelines, b.pipelines) {
        #expect(p.models == q.models, "\(p.name): registry")
        #expect(p.versions == q.versions, "\(p.name): per-version counts, latency, drift, quality, agreement")
        #expect(p.throughput == q.throughput, "\(p.name): rates")
        #expect(p.instanceResets == q.instanceResets)
    }
}
