import Foundation
import PipeTopCore

/// One demo pipeline, simulated in event time: a drifting stream scored by scorer instances
/// under a serving strategy, labels revealed after a delay, a trainer that publishes each new
/// version as data, a controller that obeys `control` commands, and faults when asked.
/// Everything it says goes into a `MessageBatch` as contract messages.
struct PipelineSimulation<Model: BinaryClassifier, Stream: RecordStream>: PipelineSimulating {
    let spec: PipelineSpec
    let settings: DemoSettings
    private(set) var counters = DemoCounters()
    private var stream: Stream
    private var rng: SplitMix64
    private var trainer: Trainer<Model>
    private var lineup = Lineup<Model>()
    private var book = VersionBook()
    /// Every known version's model, so a replaced version can be promoted again (bounded with the book).
    private var models: [Int: Model] = [:]
    private var controller: ControlHandler
    private var instances: [ScorerInstance]
    private var pending: PendingLabels
    private let router: ServingRouter
    private var decision = ServingDecision()
    private var features: [Double] = []
    private var labelFeatures: [Double] = []
    private var sequence: Int64 = 0
    private var carry = 0.0
    private var nextMetricsMs: Int64 = 0
    private var nextInstance = 0
    private var faultPlan: FaultPlan?
    /// Position among the demo's pipelines (staggers their faults).
    private let index: Int
    private var nextLoadFails = false
    private let scoredPrefix: [UInt8]
    private let labelPrefix: [UInt8]
    private let modelField: [UInt8]
    private let strategyField: [UInt8]
    private let featureKeys: [[UInt8]]

    var name: String { spec.name }

    init(spec: PipelineSpec, settings: DemoSettings, index: Int, stream: Stream, makeModel: @escaping @Sendable () -> Model) {
        self.spec = spec
        self.settings = settings
        self.stream = stream
        rng = DemoSeed(settings.seed).generator(for: "serving/\(spec.name)")
        trainer = Trainer(configuration: .init(
            pipeline: spec.name, modelName: spec.modelName, retrainIntervalMs: settings.retrainIntervalMs,
            minimumLabelled: min(settings.minimumLabelled * 2, settings.trainingWindow),
            epochs: 3, windowCapacity: settings.trainingWindow, makeModel: makeModel))
        controller = ControlHandler(pipeline: spec.name, model: spec.modelName, allowedRequesters: settings.allowedRequesters)
        instances = (0..<max(1, settings.instancesPerPipeline)).map { ScorerInstance(name: "\(spec.name)-scorer-\($0)") }
        let capacity = max(1_024, Int(settings.ratePerSecond * Double(settings.labelDelayMs) / 1_000 * settings.labelShare * 2))
        pending = PendingLabels(capacity: min(capacity, 1 << 18), dimensions: stream.names.count)
        router = ServingRouter(
            strategy: spec.strategy, deadlineUs: settings.speculativeDeadlineUs, minimumLabelled: settings.minimumLabelled)
        self.index = index
        /// `before` + `value` as a JSON string + `after`: the fixed parts of every message.
        func field(_ before: StaticString, _ value: String, _ after: StaticString = "") -> [UInt8] {
            var out: [UInt8] = []
            JSONBytes.ascii(before, &out)
            JSONBytes.string(value, &out)
            JSONBytes.ascii(after, &out)
            return out
        }
        scoredPrefix = field("{\"type\":\"scored\",\"pipeline\":", spec.name, ",\"ts_ms\":")
        labelPrefix = field("{\"type\":\"label\",\"pipeline\":", spec.name, ",\"ts_ms\":")
        modelField = field(",\"model\":", spec.modelName, ",\"version\":")
        strategyField = field(",\"strategy\":", spec.strategy.rawValue)
        featureKeys = stream.names.enumerated().map { i, name in
            var k: [UInt8] = []
            JSONBytes.ascii(i == 0 ? "{" : ",", &k)
            JSONBytes.string(name, &k)
            k.append(UInt8(ascii: ":"))
            return k
        }
    }

    var servingState: ServingState {
        var accuracy: [Int: Double] = [:]
        for v in lineup.versions { accuracy[v.version] = v.recent.accuracy }
        return ServingState(
            primary: lineup.primaryVersion, candidates: lineup.candidateVersions, previous: lineup.previousVersion,
            accuracy: accuracy)
    }

    // MARK: start and step

    mutating func start(atMs now: Int64, into batch: inout MessageBatch) {
        for _ in 0..<settings.warmupRecords {
            let label = stream.next(into: &features)
            trainer.observe(record(label: label), labelledAtMs: now)
        }
        nextMetricsMs = now + settings.metricsIntervalMs
        if settings.faults {
            faultPlan = FaultPlan(firstAtMs: now + 20_000 + Int64(index) * 11_000, intervalMs: 45_000, firstKind: index)
        }
        guard let first = trainer.trainNow(nowMs: now) else { return }
        guard load(first, at: now, into: &batch) else { return }
        promote(first.version, at: now, cause: nil, description: "first version, trained on the warm-up", into: &batch)
    }

    mutating func step(fromMs t0: Int64, toMs t1: Int64, into batch: inout MessageBatch) {
        guard t1 > t0 else { return }
        carry += settings.ratePerSecond * Double(t1 - t0) / 1_000
        let n = Int(carry)
        carry -= Double(n)
        if lineup.primary != nil {
            let span = t1 - t0
            for i in 0..<n {
                let ts = t0 + Int64(i) * span / Int64(n)
                revealLabels(until: ts, into: &batch)
                scoreOne(at: ts, into: &batch)
            }
        }
        revealLabels(until: t1, into: &batch)
        if t1 >= nextMetricsMs {
            reportMetrics(at: t1, into: &batch)
            nextMetricsMs = t1 + settings.metricsIntervalMs
        }
        if let trained = trainer.maybeRetrain(nowMs: t1) {
            _ = load(trained, at: t1, into: &batch)
        }
        if settings.autoPromote { autoPromote(at: t1, into: &batch) }
        if let kind = faultPlan?.due(atMs: t1) { inject(kind, at: t1, into: &batch) }
    }

    private func record(label: Bool) -> LabelledRecord {
        LabelledRecord(index: Int(sequence), names: stream.names, features: features, label: label)
    }

    // MARK: scoring

    private mutating func scoreOne(at ts: Int64, into batch: inout MessageBatch) {
        let label = stream.next(into: &features)
        sequence += 1
        var k = nextInstance
        for _ in instances.indices where instances[k].isStalled(atMs: ts) { k = (k + 1) % instances.count }
        nextInstance = (k + 1) % instances.count
        router.decide(lineup, features: features, rng: &rng, into: &decision)
        instances[k].served(latencyUs: decision.latencyUs)
        counters.scored += 1
        let inline = rng.bernoulli(settings.inlineLabelShare)
        let answering = lineup.versions[decision.answering].version
        writeScored(
            at: ts, version: answering, shadow: false, score: decision.score, prediction: decision.prediction,
            label: inline ? label : nil, latencyUs: decision.latencyUs, into: &batch)
        for s in decision.shadows {
            counters.shadow += 1
            writeScored(
                at: ts, version: lineup.versions[s.index].version, shadow: true, score: s.score,
                prediction: s.score >= 0.5, label: nil, latencyUs: s.latencyUs, into: &batch)
        }
        if inline {
            counters.inlineLabels += 1
            learn(label: label, features: features, at: ts)
        } else if rng.bernoulli(settings.labelShare) {
            if pending.isFull {
                revealOldest(into: &batch)
                counters.labelsRevealedEarly += 1
            }
            pending.push(dueMs: ts + settings.labelDelayMs, sequence: sequence, label: label, features: features)
        }
    }

    private func writeKey(_ sequence: Int64, _ out: inout [UInt8]) {
        out.append(contentsOf: spec.name.utf8)
        out.append(UInt8(ascii: "-"))
        JSONBytes.int(sequence, &out)
    }

    private func writeScored(
        at ts: Int64, version: Int, shadow: Bool, score: Double, prediction: Bool, label: Bool?, latencyUs: Double,
        into batch: inout MessageBatch
    ) {
        let seq = sequence
        batch.append(topic: .scored, writeKey: { writeKey(seq, &$0) }) { out in
            out.append(contentsOf: scoredPrefix)
            JSONBytes.int(ts, &out)
            JSONBytes.ascii(",\"key\":\"", &out)
            writeKey(seq, &out)
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: modelField)
            JSONBytes.int(Int64(version), &out)
            if shadow { JSONBytes.ascii(",\"role\":\"shadow\"", &out) }
            JSONBytes.ascii(",\"score\":", &out)
            JSONBytes.fixed(score, decimals: 6, &out)
            JSONBytes.ascii(prediction ? ",\"prediction\":1" : ",\"prediction\":0", &out)
            if let label { JSONBytes.ascii(label ? ",\"label\":1" : ",\"label\":0", &out) }
            JSONBytes.ascii(",\"latency_us\":", &out)
            JSONBytes.int(Int64(latencyUs), &out)
            out.append(contentsOf: strategyField)
            if !shadow {
                JSONBytes.ascii(",\"features\":", &out)
                for (f, key) in featureKeys.enumerated() {
                    out.append(contentsOf: key)
                    JSONBytes.fixed(features[f], decimals: 4, &out)
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    // MARK: labels

    private mutating func revealLabels(until ts: Int64, into batch: inout MessageBatch) {
        while let due = pending.nextDueMs, due <= ts { revealOldest(into: &batch) }
    }

    private mutating func revealOldest(into batch: inout MessageBatch) {
        let entry = pending.pop(features: &labelFeatures)
        counters.labels += 1
        batch.append(topic: .scored, writeKey: { writeKey(entry.sequence, &$0) }) { out in
            out.append(contentsOf: labelPrefix)
            JSONBytes.int(entry.dueMs, &out)
            JSONBytes.ascii(",\"key\":\"", &out)
            writeKey(entry.sequence, &out)
            JSONBytes.ascii(entry.label ? "\",\"label\":1}" : "\",\"label\":0}", &out)
        }
        learn(label: entry.label, features: labelFeatures, at: entry.dueMs)
    }

    private mutating func learn(label: Bool, features values: [Double], at ts: Int64) {
        trainer.observe(
            LabelledRecord(index: Int(sequence), names: stream.names, features: values, label: label), labelledAtMs: ts)
        lineup.updateAll { $0.learnOutcome(features: values, label: label) }
    }

    // MARK: metrics

    private mutating func reportMetrics(at ts: Int64, into batch: inout MessageBatch) {
        var serving: [ServingEntry] = []
        if let p = lineup.primaryVersion { serving.append(ServingEntry(model: spec.modelName, version: p, role: .primary)) }
        for c in lineup.candidateVersions { serving.append(ServingEntry(model: spec.modelName, version: c, role: .shadow)) }
        for i in instances.indices where !instances[i].isStalled(atMs: ts) {
            instances[i].backlog = Int64(rng.uniform(0, 40))
            let s = instances[i]
            batch.append(.metrics(MetricsEvent(
                pipeline: spec.name, tsMs: ts, instance: s.name, stage: "score", recordsIn: s.recordsIn,
                recordsOut: s.recordsOut, errors: s.errors, lag: s.backlog, latencyLeUs: ScorerInstance.bucketBoundsUs,
                latencyCounts: s.cumulativeCounts, serving: serving)))
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
        if nextLoadFails {
            nextLoadFails = false
            data = String(data.reversed())
        }
        let model: Model
        do {
            guard SHA256.hex(data) == published.artifact?.sha256 else {
                throw ModelArtifactError.malformed("sha256 of the artifact does not match")
            }
            model = try Model.deserialize(data)
        } catch {
            book.markFailed(v, detail: "could not load: \(error)")
            counters.versionsFailed += 1
            batch.append(modelEvent(v, .failed, at: ts, detail: "could not load: \(error)"))
            return false
        }
        models[v] = model
        pruneModels()
        let spread = 0.85 + 0.4 * rng.unitDouble()
        lineup.addCandidate(ServedVersion(
            version: v, model: model, latency: LatencyProfile(medianUs: spec.learner.medianLatencyUs * spread)))
        if lineup.primary == nil { return true }
        book.addCandidate(v)
        batch.append(.model(trained.events.first { $0.event == .candidate } ?? published))
        for s in instances {
            batch.append(modelEvent(v, .serving, at: ts, description: "loaded for shadow scoring", instance: s.name))
        }
        for older in book.candidates where older != v {
            book.retire(older, detail: "superseded by v\(v)")
            lineup.remove(older)
            batch.append(modelEvent(older, .retired, at: ts, detail: "superseded by v\(v)"))
        }
        return true
    }

    private mutating func pruneModels() {
        guard models.count > book.capacity else { return }
        for v in models.keys.sorted().prefix(models.count - book.capacity) where book.state(of: v) != .primary {
            models[v] = nil
        }
    }

    /// Makes `version` serve (loading it again if it was unloaded).
    private mutating func promote(_ version: Int, at ts: Int64, cause: String?, description: String, into batch: inout MessageBatch) {
        if lineup.index(of: version) == nil, let model = models[version] {
            lineup.addCandidate(ServedVersion(
                version: version, model: model, latency: LatencyProfile(medianUs: spec.learner.medianLatencyUs)))
        }
        lineup.promote(version)
        book.promote(version)
        batch.append(modelEvent(version, .promoted, at: ts, description: description, cause: cause))
    }

    private mutating func autoPromote(at ts: Int64, into batch: inout MessageBatch) {
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
        let outcome = controller.handle(command, book: book, nowMs: ts)
        let by = command.requestedBy + (command.reason.map { ": \($0)" } ?? "")
        switch outcome.effect {
        case .promote(let v, _)?:
            promote(v, at: ts, cause: command.id, description: "promoted by \(by)", into: &batch)
        case .rollBack(let from, let to)?:
            if lineup.index(of: to) == nil, let model = models[to] {
                lineup.addCandidate(ServedVersion(
                    version: to, model: model, latency: LatencyProfile(medianUs: spec.learner.medianLatencyUs)))
            }
            lineup.rollBack(to: to)
            book.rollBack(to: to)
            batch.append(modelEvent(from, .rolledBack, at: ts, description: "rolled back by \(by)", toVersion: to, cause: command.id))
        case .retire(let v)?:
            lineup.remove(v)
            book.retire(v, detail: "retired by \(by)")
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

    // MARK: faults

    private mutating func inject(_ kind: FaultKind, at ts: Int64, into batch: inout MessageBatch) {
        counters.faultsInjected += 1
        let k = Int(rng.next() % UInt64(instances.count))
        switch kind {
        case .scorerRestart:
            instances[k].restart()
        case .malformedBurst:
            let samples: [String] = [
                "{\"type\":\"scored\",\"pipeline\":\"\(spec.name)\",\"ts_ms\":", "not json at all",
                "{\"type\":\"scored\",\"score\":\"high\"}", "\u{1}\u{2}\u{3}\u{FF}", "[1,2,3]",
                "{\"type\":\"scored\",\"pipeline\":\"\(spec.name)\",\"ts_ms\":\(ts),\"score\":1e999}",
            ]
            for i in 0..<30 {
                batch.append(topic: .scored, key: "\(spec.name)-garbage-\(i)", value: Array(samples[i % samples.count].utf8))
            }
            counters.malformedInjected += 30
        case .stalledScorer:
            instances[k].stalledUntilMs = ts + 20_000
        case .failedLoad:
            nextLoadFails = true
        }
    }
}
