/// Scored records, labels and model events as they touch the live version trackers.
extension StoreState {
    /// The hot path: ingests a scored record without copying it.
    public mutating func ingest(scored e: borrowing ScoredEvent, source: String, arrivalMs: Int64) {
        note(source, tsMs: e.tsMs)
        withPipeline(e.pipeline, arrivalMs: arrivalMs) { $0.noteScored(atMs: e.tsMs, arrivalMs: arrivalMs) }
        let key = VersionKey(model: e.model, version: e.version)
        guard let token = tracker(pipeline: e.pipeline, key: key) ?? startTracking(pipeline: e.pipeline, key: key),
              let slot = slots.slot(token) else { return }
        let mayAdd = slots.driftWindows < settings.limits.maxDriftWindows
            && (slots[slot]?.featureDrift.count ?? 0) < settings.limits.maxFeaturesPerVersion
        let reference = e.features.isEmpty ? nil : reference(pipeline: e.pipeline, key: key, onlyIfNewFeature: slot, e)
        let added = slots[slot]?.record(e, mayAddFeature: mayAdd, settings: settings.drift, reference: reference) ?? 0
        slots.addedDriftWindows(added)

        let predicted = e.prediction ?? .number(e.score >= 0.5 ? 1 : 0)
        if let label = e.label {
            slots[slot]?.quality.add(
                score: e.score, labelPositive: label.isPositive,
                correct: OutcomeMatch.matches(prediction: predicted, label: label))
        }
        let entry = LabelJoinEntry(
            keyHash: LabelJoin.hash(e.key), tracker: token, role: e.role, score: e.score, prediction: predicted, tsMs: e.tsMs)
        // Agreement is counted once per pair, by whichever of primary and shadow arrives second.
        if e.role == .shadow, let primary = labelJoin.firstEntry(keyHash: entry.keyHash, role: .primary) {
            slots[slot]?.agreement.add(entry.agrees(with: primary))
        } else if e.role == .primary, let shadow = labelJoin.firstEntry(keyHash: entry.keyHash, role: .shadow),
                  let shadowSlot = slots.slot(shadow.tracker) {
            slots[shadowSlot]?.agreement.add(shadow.agrees(with: entry))
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
            slots[slot]?.quality.add(score: entry.score, labelPositive: e.label.isPositive, correct: entry.isCorrect(for: e.label))
        }
        joinScratch = hits
    }

    /// After a lifecycle step: the version may adopt a shipped reference, and any version of the
    /// model that stopped serving (the promoted one's predecessor too) drops its live windows.
    mutating func versionChanged(pipeline: String, key: VersionKey, event e: ModelEvent) {
        if let reference = e.reference, let token = tracker(pipeline: pipeline, key: key), let slot = slots.slot(token) {
            slots[slot]?.adopt(reference, settings: settings.drift)
        }
        guard let p = pipelines[pipeline] else { return }
        for (tracked, token) in p.trackerTokens where tracked.model == key.model {
            switch p.registry.version(model: tracked.model, version: tracked.version)?.state {
            case .replaced?, .rolledBack?, .failed?, .retired?: stopTracking(pipeline: pipeline, token: token)
            default: break
            }
        }
    }

    func tracker(pipeline: String, key: VersionKey) -> Int32? {
        pipelines[pipeline]?.trackerTokens[key]
    }

    /// Starts live windows for a version, making room by freezing the least recently scored one.
    private mutating func startTracking(pipeline: String, key: VersionKey) -> Int32? {
        var attempts = slots.capacity
        while (slots.isFull || slots.driftWindows >= settings.limits.maxDriftWindows) && attempts > 0 {
            attempts -= 1
            guard let victim = slots.leastRecentlyScored(), let owner = slots[slots.slot(victim) ?? 0]?.pipeline else { break }
            stopTracking(pipeline: owner, token: victim)
            evictions += 1
        }
        let reference = pipelines[pipeline]?.registry.version(model: key.model, version: key.version)?.reference
        guard let token = slots.insert(VersionTracker(pipeline: pipeline, key: key, settings: settings, reference: reference))
        else { return nil }
        pipelines[pipeline]?.trackerTokens[key] = token
        return token
    }

    private mutating func stopTracking(pipeline: String, token: Int32) {
        guard var tracker = slots.release(token) else { return }
        pipelines[pipeline]?.freeze(tracker.stats(live: false), limits: settings.limits)
    }

    /// The shipped reference, looked up only when the record brings a feature the tracker lacks
    /// (rare), since a registry lookup builds a snapshot of the version.
    private func reference(pipeline: String, key: VersionKey, onlyIfNewFeature slot: Int, _ e: borrowing ScoredEvent) -> Reference? {
        guard let t = slots[slot] else { return nil }
        var known = true
        for (i, f) in e.features.enumerated() where !(i < t.featureNames.count && t.featureNames[i] == f.name) {
            known = t.featureNames.contains(f.name)
            if !known { break }
        }
        guard !known else { return nil }
        return pipelines[pipeline]?.registry.version(model: key.model, version: key.version)?.reference
    }
}
