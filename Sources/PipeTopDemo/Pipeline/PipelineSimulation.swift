import Foundation
import PipeTopCore

/// One demo pipeline, simulated in event time: a drifting stream (`RecordFeed`) scored by
/// scorer instances under a serving strategy (`ScorerPool`), labels revealed after a delay
/// (`LabelDelay`), a trainer that publishes each new version as data, the versions' lifecycle
/// (`VersionLifecycle`), a controller that obeys `control` commands, metrics on a schedule and
/// faults when asked (`FaultInjector`). Everything it says goes into a `MessageBatch` as
/// contract messages.
struct PipelineSimulation<Model: BinaryClassifier, Stream: RecordStream>: PipelineSimulating {
    let spec: PipelineSpec
    let settings: DemoSettings
    private(set) var counters = DemoCounters()
    /// Every random draw of the serving side, in a fixed order (same seed, same run).
    private var rng: SplitMix64
    private var feed: RecordFeed<Stream>
    private var scorers: ScorerPool
    private var labels: LabelDelay
    private var trainer: Trainer<Model>
    private var versions: VersionLifecycle<Model>
    private var controller: ControlHandler
    private var metrics: MetricsSchedule
    private var faults: FaultInjector
    private let writer: ScoredRecordWriter
    /// What the scorers count for their metrics' `histograms` (only with `settings.summaries`).
    private var summaries: ScorerSummaries

    var name: String { spec.name }

    init(spec: PipelineSpec, settings: DemoSettings, index: Int, stream: Stream, makeModel: @escaping @Sendable () -> Model) {
        self.spec = spec
        self.settings = settings
        rng = DemoSeed(settings.seed).generator(for: "serving/\(spec.name)")
        feed = RecordFeed(stream: stream, ratePerSecond: settings.ratePerSecond)
        scorers = ScorerPool(
            pipeline: spec.name, count: settings.instancesPerPipeline,
            router: ServingRouter(
                strategy: spec.strategy, deadlineUs: settings.speculativeDeadlineUs, minimumLabelled: settings.minimumLabelled))
        labels = LabelDelay(
            delayMs: settings.labelDelayMs, ratePerSecond: settings.ratePerSecond, labelShare: settings.labelShare,
            dimensions: stream.names.count)
        trainer = Trainer(configuration: .init(
            pipeline: spec.name, modelName: spec.modelName, retrainIntervalMs: settings.retrainIntervalMs,
            minimumLabelled: min(settings.minimumLabelled * 2, settings.trainingWindow),
            epochs: 3, windowCapacity: settings.trainingWindow, makeModel: makeModel))
        versions = VersionLifecycle(medianLatencyUs: spec.learner.medianLatencyUs)
        controller = ControlHandler(pipeline: spec.name, model: spec.modelName, allowedRequesters: settings.allowedRequesters)
        metrics = MetricsSchedule(intervalMs: settings.metricsIntervalMs)
        faults = FaultInjector(index: index)
        writer = ScoredRecordWriter(spec: spec, featureNames: stream.names)
        summaries = ScorerSummaries(instances: settings.instancesPerPipeline, featureNames: stream.names)
    }

    var servingState: ServingState { versions.servingState }

    // MARK: start and step

    mutating func start(atMs now: Int64, into batch: inout MessageBatch) {
        for _ in 0..<settings.warmupRecords {
            let label = feed.warmUp()
            trainer.observe(feed.record(label: label), labelledAtMs: now)
        }
        metrics.start(atMs: now)
        if settings.faults { faults.start(atMs: now) }
        guard let first = trainer.trainNow(nowMs: now) else { return }
        guard load(first, at: now, into: &batch) else { return }
        promote(first.version, at: now, cause: nil, description: "first version, trained on the warm-up", into: &batch)
    }

    mutating func step(fromMs t0: Int64, toMs t1: Int64, into batch: inout MessageBatch) {
        guard t1 > t0 else { return }
        let n = feed.arrivals(fromMs: t0, toMs: t1)
        if versions.lineup.primary != nil {
            let span = t1 - t0
            for i in 0..<n {
                let ts = t0 + Int64(i) * span / Int64(n)
                revealLabels(until: ts, into: &batch)
                scoreOne(at: ts, into: &batch)
            }
        }
        revealLabels(until: t1, into: &batch)
        if metrics.isDue(atMs: t1) { reportMetrics(at: t1, into: &batch) }
        if let trained = trainer.maybeRetrain(nowMs: t1) {
            _ = load(trained, at: t1, into: &batch)
        }
        if settings.autoPromote { autoPromote(at: t1, into: &batch) }
        faults.injectDue(atMs: t1, pipeline: spec.name, scorers: &scorers, rng: &rng, counters: &counters, into: &batch)
    }

    // MARK: scoring

    private mutating func scoreOne(at ts: Int64, into batch: inout MessageBatch) {
        let label = feed.next()
        scorers.serve(versions.lineup, features: feed.features, atMs: ts, rng: &rng)
        counters.scored += 1
        let inline = rng.bernoulli(settings.inlineLabelShare)
        let decision = scorers.decision, loaded = versions.lineup.versions
        writer.scored(
            sequence: feed.sequence, at: ts, version: loaded[decision.answering].version, shadow: false,
            score: decision.score, prediction: decision.prediction, label: inline ? label : nil,
            latencyUs: decision.latencyUs, features: feed.features, into: &batch)
        for s in decision.shadows {
            counters.shadow += 1
            writer.scored(
                sequence: feed.sequence, at: ts, version: loaded[s.index].version, shadow: true, score: s.score,
                prediction: s.score >= 0.5, label: nil, latencyUs: s.latencyUs, features: feed.features, into: &batch)
        }
        if settings.summaries { countSummaries() }
        if inline {
            counters.inlineLabels += 1
            learn(label: label, features: feed.features, at: ts)
        } else if rng.bernoulli(settings.labelShare) {
            if labels.isFull {
                revealOldest(into: &batch)
                counters.labelsRevealedEarly += 1
            }
            labels.hold(scoredAtMs: ts, sequence: feed.sequence, label: label, features: feed.features)
        }
    }

    /// The record just served, as its scorer counts it: the answer with its features, each
    /// shadow's score alone (as the records carry them).
    private mutating func countSummaries() {
        let decision = scorers.decision, loaded = versions.lineup.versions, k = scorers.servedBy
        summaries.count(instance: k, version: loaded[decision.answering].version, score: decision.score, features: feed.features)
        for s in decision.shadows {
            summaries.count(instance: k, version: loaded[s.index].version, score: s.score, features: [])
        }
    }

    // MARK: labels

    private mutating func revealLabels(until ts: Int64, into batch: inout MessageBatch) {
        while labels.hasDue(byMs: ts) { revealOldest(into: &batch) }
    }

    private mutating func revealOldest(into batch: inout MessageBatch) {
        let entry = labels.revealOldest()
        counters.labels += 1
        writer.label(entry, into: &batch)
        learn(label: entry.label, features: labels.revealedFeatures, at: entry.dueMs)
    }

    private mutating func learn(label: Bool, features values: [Double], at ts: Int64) {
        trainer.observe(feed.record(label: label, features: values), labelledAtMs: ts)
        versions.learn(features: values, label: label)
    }

    // MARK: metrics

    private mutating func reportMetrics(at ts: Int64, into batch: inout MessageBatch) {
        let lineup = versions.lineup
        var serving: [ServingEntry] = []
        if let p = lineup.primaryVersion { serving.append(ServingEntry(model: spec.modelName, version: p, role: .primary)) }
        for c in lineup.candidateVersions { serving.append(ServingEntry(model: spec.modelName, version: c, role: .shadow)) }
        for var event in scorers.metrics(pipeline: spec.name, atMs: ts, serving: serving, rng: &rng) {
            if settings.summaries, let k = scorers.instances.firstIndex(where: { $0.name == event.instance }) {
                event.histograms = summaries.take(instance: k, model: spec.modelName)
            }
            batch.append(.metrics(event))
        }
    }

    // MARK: versions

    private func modelEvent(
        _ version: Int, _ kind: ModelEventKind, at ts: Int64, description: String? = nil, toVersion: Int? = nil,
        cause: String? = nil, detail: String? = nil, instance: String? = nil
    ) -> Event {
        .model(ModelEvent(
            pipeline: spec.name, tsMs: ts, model: spec.modelName, version: version, event: kind,
            description: description, toVersion: toVersion, cause: cause, detail: detail, instance: instance))
    }

    /// Publishes a trained version and has the scorers load it from its artifact, as a
    /// model-as-data serving system does. Returns whether it loaded.
    private mutating func load(_ trained: TrainedVersion<Model>, at ts: Int64, into batch: inout MessageBatch) -> Bool {
        guard let published = trained.events.first(where: { $0.event == .published }) else { return false }
        batch.append(.model(published))
        counters.versionsPublished += 1
        let v = trained.version
        var data = published.artifact?.data ?? ""
        if faults.takeLoadFailure() { data = String(data.reversed()) }
        let model: Model
        do {
            guard SHA256.hex(data) == published.artifact?.sha256 else {
                throw ModelArtifactError.malformed("sha256 of the artifact does not match")
            }
            model = try Model.deserialize(data)
        } catch {
            versions.fail(v, detail: "could not load: \(error)")
            counters.versionsFailed += 1
            batch.append(modelEvent(v, .failed, at: ts, detail: "could not load: \(error)"))
            return false
        }
        summaries.load(v, reference: published.reference)
        let spread = 0.85 + 0.4 * rng.unitDouble()
        let latency = LatencyProfile(medianUs: spec.learner.medianLatencyUs * spread)
        guard let superseded = versions.load(v, model: model, latency: latency) else { return true }
        batch.append(.model(trained.events.first { $0.event == .candidate } ?? published))
        for s in scorers.instances {
            batch.append(modelEvent(v, .serving, at: ts, description: "loaded for shadow scoring", instance: s.name))
        }
        for older in superseded {
            batch.append(modelEvent(older, .retired, at: ts, detail: "superseded by v\(v)"))
        }
        return true
    }

    /// Makes `version` serve (loading it again if it was unloaded).
    private mutating func promote(_ version: Int, at ts: Int64, cause: String?, description: String, into batch: inout MessageBatch) {
        versions.promote(version)
        batch.append(modelEvent(version, .promoted, at: ts, description: description, cause: cause))
    }

    private mutating func autoPromote(at ts: Int64, into batch: inout MessageBatch) {
        let lineup = versions.lineup
        guard let p = lineup.primary, let c = lineup.candidates.last else { return }
        let primary = lineup.versions[p].recent, candidate = lineup.versions[c].recent
        guard primary.count >= settings.minimumLabelled, candidate.count >= settings.minimumLabelled,
              let a = candidate.accuracy, let b = primary.accuracy, a >= b + settings.autoPromoteMargin
        else { return }
        let v = lineup.versions[c].version
        let text = "auto-promoted: accuracy \(String(format: "%.3f", a)) vs \(String(format: "%.3f", b)) on the last \(candidate.count) labelled records"
        promote(v, at: ts, cause: nil, description: text, into: &batch)
    }

    // MARK: control

    mutating func handle(_ command: ControlCommand, atMs ts: Int64, into batch: inout MessageBatch) {
        let outcome = controller.handle(command, book: versions.book, nowMs: ts)
        let by = command.requestedBy + (command.reason.map { ": \($0)" } ?? "")
        switch outcome.effect {
        case .promote(let v, _)?:
            promote(v, at: ts, cause: command.id, description: "promoted by \(by)", into: &batch)
        case .rollBack(let from, let to)?:
            versions.rollBack(to: to)
            batch.append(modelEvent(from, .rolledBack, at: ts, description: "rolled back by \(by)", toVersion: to, cause: command.id))
        case .retire(let v)?:
            versions.retire(v, detail: "retired by \(by)")
            batch.append(modelEvent(v, .retired, at: ts, cause: command.id, detail: "retired by \(by)"))
        case nil:
            break
        }
        if outcome.ack.status == .applied && outcome.ack.detail == nil {
            counters.commandsApplied += 1
        } else if outcome.ack.status == .rejected {
            counters.commandsRejected += 1
        }
        batch.append(.ack(outcome.ack))
    }
}
