/// Scored records, labels and model events as they touch the live version trackers.
extension StoreState {
    /// How long after the last shadow record primaries still look for their shadow (event time).
    static let shadowMemoryMs: Int64 = 60_000
    /// A live tracker scored this recently (event time) keeps its slot against a version that
    /// wants one: when more versions score at once than there are slots (a fleet of hundreds of
    /// pipelines), swapping one out per record would leave every window nearly empty and
    /// allocate a tracker per record. The newcomer waits until a tracked version falls quiet.
    static let trackerTenureMs: Int64 = 5_000
    /// How long (store time) a version whose records found no live windows is shown waiting.
    static let waitingShownMs: Int64 = 10_000

    /// The hot path: ingests a scored record without copying it.
    public mutating func ingest(scored e: borrowing ScoredEvent, source: String, arrivalMs: Int64) {
        let keyHash = LabelJoin.hash(e.key)
        labelJoin.prefetch(keyHash: keyHash)
        note(source, tsMs: e.tsMs)
        defer { arrived(atMs: arrivalMs) }
        tail.record(e)
        for observer in scoredObservers { observer.observe(e) }
        let p = pipeline(e.pipeline, arrivalMs: arrivalMs)
        pipelines[p].noteScored(atMs: e.tsMs, arrivalMs: arrivalMs)
        guard let token = tracker(pipelineAt: p, model: e.model, version: e.version, atMs: e.tsMs, arrivalMs: arrivalMs),
              let slot = slots.slot(token)
        else { return }
        let limits = settings.limits
        let features = slots[slot]?.tracker.featureDrift.count ?? 0
        let mayAdd = slots.driftWindows < limits.maxDriftWindows && features < limits.maxFeaturesPerVersion
        let added = slots[slot]?.tracker.record(e, mayAddFeature: mayAdd, settings: settings.drift) ?? 0
        if added > 0 {
            slots.addedDriftWindows(added)
            // A feature seen for the first time takes the shipped reference, if the model event had one.
            if let reference = pipelines[p].registry.reference(model: e.model, version: e.version) {
                slots[slot]?.tracker.adoptFeatures(reference, from: features, record: e, settings: settings.drift)
            }
        }

        let predicted = e.prediction ?? .number(e.score >= 0.5 ? 1 : 0)
        if let label = e.label {
            slots[slot]?.tracker.quality.add(
                score: e.score, labelPositive: label.isPositive,
                correct: OutcomeMatch.matches(prediction: predicted, label: label))
        }
        let entry = LabelJoinEntry(
            keyHash: keyHash, tracker: token, role: e.role, score: e.score, prediction: predicted, tsMs: e.tsMs)
        // Agreement is counted once per pair, by whichever of primary and shadow arrives second;
        // a primary looks for its shadow only while the pipeline has shadows at all.
        if e.role == .shadow {
            pipelines[p].lastShadowMs = max(pipelines[p].lastShadowMs, e.tsMs)
            if let primary = labelJoin.firstEntry(keyHash: entry.keyHash, role: .primary) {
                slots[slot]?.tracker.agreement.add(entry.agrees(with: primary))
            }
        } else if e.tsMs - pipelines[p].lastShadowMs < Self.shadowMemoryMs,
                  let shadow = labelJoin.firstEntry(keyHash: entry.keyHash, role: .shadow),
                  let shadowSlot = slots.slot(shadow.tracker) {
            slots[shadowSlot]?.tracker.agreement.add(shadow.agrees(with: entry))
        }
        // Records with an inline label wait too, so shadows can be compared with them; a pipeline
        // that also sends a `label` event for such a key would count that label twice.
        labelJoin.record(entry)
    }

    /// A late label: joins the waiting scored records of its key (primary and shadows) once.
    mutating func apply(label e: LabelEvent) {
        var hits = joinScratch
        joinScratch = []
        hits.removeAll(keepingCapacity: true)
        labelJoin.join(keyHash: LabelJoin.hash(e.key), labelTsMs: e.tsMs) { hits.append($0) }
        for entry in hits {
            guard let slot = slots.slot(entry.tracker) else { continue }
            slots[slot]?.tracker.quality.add(score: entry.score, labelPositive: e.label.isPositive, correct: entry.isCorrect(for: e.label))
        }
        joinScratch = hits
    }

    /// The histograms of an accepted `metrics` report, into their versions' drift windows. A
    /// version needs its shipped reference (the edges the scorers counted over); what cannot be
    /// used is counted on the pipeline with the reason.
    mutating func summarize(_ e: MetricsEvent, arrivalMs: Int64) {
        let p = pipeline(e.pipeline, arrivalMs: arrivalMs)
        let limits = settings.limits
        for h in e.histograms {
            guard let reference = pipelines[p].registry.reference(model: h.model, version: h.version) else {
                pipelines[p].rejectSummary("\(h.model) v\(h.version): \(SummaryRejection.noReference)")
                continue
            }
            guard let token = tracker(pipelineAt: p, model: h.model, version: h.version, atMs: e.tsMs, arrivalMs: arrivalMs),
                  let slot = slots.slot(token), let box = slots[slot] else { continue }
            let room = min(limits.maxDriftWindows - slots.driftWindows, limits.maxFeaturesPerVersion - box.tracker.featureDrift.count)
            let outcome = box.tracker.summarize(h, atMs: e.tsMs, reference: reference, room: max(0, room), settings: settings.drift)
            if outcome.added > 0 { slots.addedDriftWindows(outcome.added) }
            for reason in outcome.rejected { pipelines[p].rejectSummary("\(h.model) v\(h.version) \(reason)") }
        }
    }

    /// After a lifecycle step: the version may adopt a shipped reference, and any version of the
    /// model that stopped serving (the promoted one's predecessor too) drops its live windows.
    mutating func versionChanged(pipeline name: String, key: VersionKey, event e: ModelEvent) {
        guard let p = pipelines.position(of: name) else { return }
        if let reference = e.reference, let token = pipelines[p].trackerTokens[key], let slot = slots.slot(token) {
            slots[slot]?.tracker.adopt(reference, settings: settings.drift)
        }
        for (tracked, token) in pipelines[p].trackerTokens where tracked.model == key.model {
            if pipelines[p].registry.state(model: tracked.model, version: tracked.version)?.isFinished == true {
                stopTracking(pipelineAt: p, token: token)
            }
        }
        pipelines[p].forgetFinishedWaiting(model: key.model)
    }

    /// The token of a version's live tracker, started if needed; recently scored versions are
    /// found without hashing. Nil when no windows can be had now: the version is then noted
    /// waiting (`PipelineSnapshot.waitingForWindows`) as of wall-clock `arrivalMs`.
    private mutating func tracker(pipelineAt p: Int, model: String, version: Int, atMs: Int64, arrivalMs: Int64) -> Int32? {
        for r in pipelines[p].recentTrackers where r.version == version && r.model == model && slots.slot(r.token) != nil {
            return r.token
        }
        let key = VersionKey(model: model, version: version)
        guard let token = pipelines[p].trackerTokens[key] ?? startTracking(pipelineAt: p, key: key, atMs: atMs) else {
            pipelines[p].noteWaiting(key, atMs: storeNow(arrivalMs: arrivalMs))
            return nil
        }
        if pipelines[p].recentTrackers.count >= 2 { pipelines[p].recentTrackers.removeFirst() }
        pipelines[p].recentTrackers.append((model, version, token))
        return token
    }

    /// Starts live windows for a version scored (or summarized) at `atMs`, making room by
    /// freezing the least recently active one unless that one is within its tenure (then nil:
    /// not now) and this pipeline is not the one on screen.
    private mutating func startTracking(pipelineAt p: Int, key: VersionKey, atMs: Int64) -> Int32? {
        let focused = focusedPipeline == pipelines.names[p]
        var attempts = slots.capacity
        // Saturating: an event time near the smallest Int64 is bad input, not a reason to trap.
        let tenureStart = atMs > Int64.min + Self.trackerTenureMs ? atMs - Self.trackerTenureMs : Int64.min
        while (slots.isFull || slots.driftWindows >= settings.limits.maxDriftWindows) && attempts > 0 {
            attempts -= 1
            guard let victim = slots.leastRecentlyScored(), let slot = slots.slot(victim), let box = slots[slot],
                  let ownerAt = pipelines.position(of: box.tracker.pipeline) else { break }
            guard focused || box.tracker.lastActiveMs < tenureStart else { return nil }
            stopTracking(pipelineAt: ownerAt, token: victim)
            evictions += 1
        }
        let reference = pipelines[p].registry.reference(model: key.model, version: key.version)
        // Live numbers replace the final ones a version kept when its windows were dropped.
        pipelines[p].frozen[key] = nil
        let tracker = VersionTracker(pipeline: pipelines.names[p], key: key, settings: settings, reference: reference)
        guard let token = slots.insert(tracker) else { return nil }
        pipelines[p].trackerTokens[key] = token
        pipelines[p].waitingForWindows[key] = nil
        return token
    }

    private mutating func stopTracking(pipelineAt p: Int, token: Int32) {
        guard var tracker = slots.release(token) else { return }
        pipelines[p].freeze(tracker.stats(live: false), limits: settings.limits)
    }
}
