import Testing
@testable import PipeTopCore

/// fraud-lr: v1 served, then v2 (serving now); v3 a candidate, v4 failed, v5 retired.
private func pipeline(candidateScores: [Double]? = nil, candidateHits: Bool = true) -> PipelineSnapshot {
    var s = StoreState(settings: EngineSettings(), basis: .eventTime)
    func model(_ v: Int, _ kind: ModelEventKind, _ t: Int64, detail: String? = nil) {
        s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: t, model: "fraud-lr", version: v, event: kind, detail: detail)),
                 source: "models", arrivalMs: 0)
    }
    model(1, .promoted, 1)
    model(2, .promoted, 2)
    model(3, .candidate, 3)
    model(4, .failed, 4, detail: "sha256 mismatch")
    model(5, .retired, 5)
    // Labelled records: v2 is right on all of them; v3 right or wrong as asked.
    for i in 0..<400 {
        let label = i % 2 == 0
        for (v, right) in [(2, true), (3, candidateHits)] {
            let score = (label == right) ? 0.9 : 0.1
            s.ingest(scored: ScoredEvent(
                pipeline: "fraud", tsMs: 10 + Int64(i), key: "k\(i)", model: "fraud-lr", version: v, role: v == 2 ? .primary : .shadow,
                score: candidateScores.map { v == 3 ? $0[i % $0.count] : score } ?? score, label: .number(label ? 1 : 0)),
                     source: "scored", arrivalMs: 0)
        }
    }
    return s.snapshot(arrivalMs: 0).pipelines[0]
}

private func plan(_ action: ControlAction, _ version: Int?, _ p: PipelineSnapshot = pipeline(), protected: Set<String> = []) -> Result<ControlPlan, ControlRefusal> {
    let planner = ControlPlanner(protectedPipelines: protected)
    return planner.plan(action, pipeline: p, model: p.models[0], version: version)
}

@Test func promotingTheCandidateNamesFromToAndNeedsOnlyAYes() throws {
    let p = try plan(.promote, nil).get()
    #expect(p.fromVersion == 2 && p.toVersion == 3 && p.targetState == .candidate)
    #expect(p.confirmation == .yesNo)
    #expect(p.summary == "promote fraud/fraud-lr v2 → v3")
    #expect(p.facts.first?.hasPrefix("accuracy 1.000 (serving 1.000)") == true)
}

@Test func targetsThatCannotServeAreRefused() {
    #expect(plan(.promote, 4).failureText == "v4 failed; it cannot serve")
    #expect(plan(.promote, 5).failureText == "v5 is retired")
    #expect(plan(.promote, 2).failureText == "v2 is already serving")
    #expect(plan(.promote, 8).failureText == "fraud-lr has no version v8")
    #expect(plan(.retire, 2).failureText == "v2 is serving; promote another version or roll back first")
}

@Test func rollbackTargetsTheVersionThatServedBefore() throws {
    let p = try plan(.rollback, 99).get()
    #expect(p.toVersion == 1 && p.fromVersion == 2 && p.targetState == .replaced)
}

@Test func aWorseCandidateOrAProtectedPipelineNeedsTheVersionTyped() throws {
    let worse = try plan(.promote, 3, pipeline(candidateHits: false)).get()
    #expect(worse.confirmation == .typed(reason: "its accuracy is below the serving version's"))
    let protected = try plan(.promote, 3, protected: ["fraud"]).get()
    #expect(protected.confirmation == .typed(reason: "fraud is protected"))
}

@Test func aModelMustBeNamedWhenAPipelineHasSeveral() {
    var s = StoreState(settings: EngineSettings(), basis: .eventTime)
    for m in ["a-lr", "b-nb"] {
        s.ingest(.model(ModelEvent(pipeline: "p", tsMs: 1, model: m, version: 1, event: .promoted)), source: "m", arrivalMs: 0)
    }
    let p = s.snapshot(arrivalMs: 0).pipelines[0]
    let planner = ControlPlanner()
    if case .failure(let r) = planner.resolveModel(nil, in: p) {
        #expect(r.description == "p serves several models; name one of: a-lr, b-nb")
    } else {
        Issue.record("an ambiguous model was accepted")
    }
    #expect((try? planner.resolveModel("b-nb", in: p).get())?.name == "b-nb")
}

extension Result where Failure == ControlRefusal {
    var failureText: String? {
        if case .failure(let r) = self { r.description } else { nil }
    }
}

/// A models topic keyed by version spreads a model's events over partitions: v2's promotion can
/// arrive before v1's. v1 still served first, so it is the rollback target.
@Test func aPromotionLearnedLateStillCountsAsHavingServed() throws {
    var s = StoreState(settings: EngineSettings(), basis: .eventTime)
    func model(_ v: Int, _ kind: ModelEventKind, _ t: Int64) {
        s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: t, model: "fraud-lr", version: v, event: kind)), source: "models", arrivalMs: 0)
    }
    model(2, .published, 20)
    model(2, .candidate, 20)
    model(2, .promoted, 30)
    model(1, .published, 10)
    model(1, .promoted, 10)
    let m = try #require(s.snapshot(arrivalMs: 0).pipelines.first?.models.first)
    #expect(m.primary == 2)
    #expect(m.previousPrimary == 1)
    #expect(m.versions.first { $0.version == 1 }?.state == .replaced)
    // A version never seen before, learned only through its late promotion, is a rollback target too.
    var t = StoreState(settings: EngineSettings(), basis: .eventTime)
    t.ingest(.model(ModelEvent(pipeline: "p", tsMs: 30, model: "m", version: 5, event: .promoted)), source: "models", arrivalMs: 0)
    t.ingest(.model(ModelEvent(pipeline: "p", tsMs: 10, model: "m", version: 4, event: .promoted)), source: "models", arrivalMs: 0)
    #expect(t.snapshot(arrivalMs: 0).pipelines.first?.models.first?.previousPrimary == 4)
}

private func mappedPlanner(_ control: PipelineConfig.Control, scoredVersion: Bool = true) throws -> ControlPlanner {
    var config = try EffectiveConfig(config: PipeTopConfig(), environment: [:])
    let scored = TopicMapping(format: .json, fields: scoredVersion ? ["version": try FieldSelector(parsing: "/rev")] : [:])
    config.pipelines = [PipelineConfig(name: "fraud", scoredTopic: "payments.scored", modelsTopic: "payments.models", control: control, scored: scored)]
    return ControlPlanner(config)
}

@Test func mappedPipelinesWithoutContractControlAreRefusedWithTheReason() throws {
    let p = pipeline()
    #expect(try mappedPlanner(.none).plan(.promote, pipeline: p, model: p.models[0], version: 3).failureText
            == #"fraud is watched only (control = "none" in its [[pipelines]] entry)"#)
    // Contract control goes through the control topic as for any pipeline.
    let contract = try mappedPlanner(.contract).plan(.promote, pipeline: p, model: p.models[0], version: 3).get()
    #expect(contract.toVersion == 3 && contract.route == .controlTopic)
}

/// A pipeline of a template, found after the planner was made (the template unexpanded, or
/// kept beside its expansion), is controlled as the template says.
@Test func aTemplatesPipelinesAreControlledAsTheTemplateSays() throws {
    let p = pipeline()  // "fraud"
    var config = try EffectiveConfig(config: PipeTopConfig(), environment: [:])
    config.pipelines = [PipelineConfig(name: "{*}", scoredTopic: "*.scored", control: .none)]
    #expect(ControlPlanner(config).plan(.promote, pipeline: p, model: p.models[0], version: 3).failureText
            == #"fraud is watched only (control = "none" in its [[pipelines]] entry)"#)
    // Expanded into other pipelines, its templates still name the ones found later.
    config.pipelines = [PipelineConfig(name: "other", scoredTopic: "other.scored", control: .none)]
    config.expandedTemplates = [PipelineConfig(name: "{*}", scoredTopic: "*.scored", modelsTopic: "{*}.models", control: .republish)]
    #expect(ControlPlanner(config).plan(.retire, pipeline: p, model: p.models[0], version: 3).failureText?
            .hasPrefix("fraud is controlled by re-publishing its models messages") == true)
    // A name no template makes is a contract pipeline.
    config.expandedTemplates = [PipelineConfig(name: "wine-{*}", scoredTopic: "*.scored", control: .none)]
    #expect(try ControlPlanner(config).plan(.promote, pipeline: p, model: p.models[0], version: 3).get().route == .controlTopic)
}

/// fraud-lr as a mapped pipeline read it: v1 served, v2 serves, v3 published; each version's
/// models message read at an offset of its own, v1's at the newest (it was published again).
private func republishedPipeline() -> PipelineSnapshot {
    var s = StoreState(settings: EngineSettings(), basis: .eventTime)
    for (v, kind, t) in [(1, ModelEventKind.promoted, Int64(1)), (2, .promoted, 2), (3, .published, 3)] {
        s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: t, model: "fraud-lr", version: v, event: kind)), source: "models", arrivalMs: 0)
        s.noteOrigin(MessageOrigin(topic: "payments.models", partition: 0, offset: Int64(v)), pipeline: "fraud",
                     version: VersionKey(model: "fraud-lr", version: v), arrivalMs: 0)
    }
    s.noteOrigin(MessageOrigin(topic: "payments.models", partition: 0, offset: 9), pipeline: "fraud",
                 version: VersionKey(model: "fraud-lr", version: 1), arrivalMs: 0)
    // A version whose message was never read (known from elsewhere) has nothing to send.
    s.ingest(.model(ModelEvent(pipeline: "fraud", tsMs: 4, model: "fraud-lr", version: 4, event: .published)), source: "models", arrivalMs: 0)
    return s.snapshot(arrivalMs: 0).pipelines[0]
}

@Test func republishingSendsTheTargetsNewestMessageAndRefusesWhatHasNone() throws {
    let p = republishedPipeline()
    let planner = try mappedPlanner(.republish)
    let rollback = try planner.plan(.rollback, pipeline: p, model: p.models[0], version: nil).get()
    #expect(rollback.toVersion == 1 && rollback.fromVersion == 2)
    #expect(rollback.route == .republish(MessageOrigin(topic: "payments.models", partition: 0, offset: 9), acknowledged: true))
    #expect(rollback.facts.last == "re-publishes payments.models[0]@9")
    let promote = try planner.plan(.promote, pipeline: p, model: p.models[0], version: 3).get()
    #expect(promote.route == .republish(MessageOrigin(topic: "payments.models", partition: 0, offset: 3), acknowledged: true))
    #expect(planner.plan(.promote, pipeline: p, model: p.models[0], version: 4).failureText
            == "v4's models message has not been read, so it cannot be re-published")
    #expect(planner.plan(.retire, pipeline: p, model: p.models[0], version: 3).failureText
            == "fraud is controlled by re-publishing its models messages, and retiring a version has no message to send")
    // Scored records without a version cannot acknowledge: the plan says so before it is sent.
    let silent = try mappedPlanner(.republish, scoredVersion: false).plan(.promote, pipeline: p, model: p.models[0], version: 3).get()
    #expect(silent.route == .republish(MessageOrigin(topic: "payments.models", partition: 0, offset: 3), acknowledged: false))
    #expect(silent.facts.last == "re-publishes payments.models[0]@3; the scored records carry no version, so nothing will acknowledge it")
}
