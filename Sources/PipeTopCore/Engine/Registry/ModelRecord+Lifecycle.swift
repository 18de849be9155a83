/// Lifecycle transitions of one model, driven by model events and serving reports.
extension ModelRecord {
    /// Applies one lifecycle event (anything but `serving`, which goes through `heartbeat`).
    mutating func apply(_ e: ModelEvent, counters: inout RegistryCounters) -> RegistryOutcome {
        let target = e.event == .rolledBack ? e.toVersion : nil
        if let known = versions[e.version] {
            if known.hasSeen(e) { return .duplicate }
            // A compacted models topic keeps one latest message per version, and a replay or a
            // second source can deliver an older step after a newer one. Applying it would walk the
            // version backwards (a stale `candidate` demoting today's primary), so the newer state
            // stands; the event still goes into the history, marked, so the operator sees it arrived.
            if e.tsMs < known.lastLifecycleMs || isSuperseded(e, target: target) {
                versions[e.version]?.lastEventMs = max(known.lastEventMs, e.tsMs)
                versions[e.version]?.absorbMissingMetadata(e)
                // A late `promoted` of a version that went no further is still a fact: it served
                // before today's primary (a models topic keyed by version interleaves partitions).
                let servedBefore = e.event == .promoted && e.tsMs >= known.lastLifecycleMs
                    && (known.state == .published || known.state == .candidate)
                let to = servedBefore ? ModelState.replaced : known.state
                if servedBefore { versions[e.version]?.state = .replaced }
                versions[e.version]?.record(
                    ModelTransition(
                        tsMs: e.tsMs, event: e.event, from: known.state, to: to, cause: e.cause,
                        detail: e.detail, outOfOrder: true),
                    maxTransitions: maxTransitions)
                return .outOfOrder
            }
        } else if isSuperseded(e, target: target) {
            // Unknown version, but the model moved on after this event: it exists, nothing more is sure.
            guard makeRoom(for: 1, keeping: [], counters: &counters) else { return .refused(.tooManyVersions) }
            // A late `promoted`: the version served before the current primary.
            let state: ModelState = e.event == .promoted ? .replaced : .published
            var v = VersionRecord(version: e.version, state: state, tsMs: e.tsMs)
            v.absorbMetadata(e)
            v.record(
                ModelTransition(
                    tsMs: e.tsMs, event: e.event, from: nil, to: state, cause: e.cause, detail: e.detail,
                    outOfOrder: true),
                maxTransitions: maxTransitions)
            versions[e.version] = v
            return .outOfOrder
        }

        let missing = [e.version, target].compactMap { $0 }.filter { versions[$0] == nil }
        guard makeRoom(for: missing.count, keeping: [e.version] + [target].compactMap { $0 }, counters: &counters)
        else { return .refused(.tooManyVersions) }
        for v in missing { versions[v] = VersionRecord(version: v, state: .published, tsMs: e.tsMs) }
        versions[e.version]?.absorbMetadata(e)
        let created = missing.contains(e.version)

        switch e.event {
        case .published:
            // `published` says the version exists; it is no step backwards for one already further on.
            let state = created ? .published : (versions[e.version]?.state ?? .published)
            move(e.version, to: state, e, created: created, detail: e.detail)
        case .candidate:
            move(e.version, to: .candidate, e, created: created, detail: e.detail)
        case .promoted:
            if let p = primary, p != e.version {
                move(p, to: .replaced, e, detail: "replaced by v\(e.version)", byVersion: e.version)
            }
            move(e.version, to: .primary, e, created: created, detail: e.detail)
        case .rolledBack:
            guard let t = target else { return .refused(.missingRollbackTarget) }
            move(e.version, to: .rolledBack, e, created: created, detail: e.detail)
            if let p = primary, p != t, p != e.version {
                move(p, to: .replaced, e, detail: "replaced by rollback to v\(t)", byVersion: e.version)
            }
            if primary != t {
                move(
                    t, to: .primary, e, created: missing.contains(t), detail: "restored by rollback of v\(e.version)",
                    byVersion: e.version)
            }
        case .failed:
            move(e.version, to: .failed, e, created: created, detail: e.detail)
        case .retired:
            move(e.version, to: .retired, e, created: created, detail: e.detail)
        case .serving:
            return .refused(.missingInstance)  // routed to `heartbeat` by the registry; never reached
        }
        return .applied
    }

    /// True when the event would take or hand over the primary role, but the model's state
    /// already reflects a later lifecycle event of the versions involved.
    private func isSuperseded(_ e: ModelEvent, target: Int?) -> Bool {
        guard e.event == .promoted || e.event == .rolledBack else { return false }
        if let p = primary, p != e.version, let pv = versions[p], pv.lastLifecycleMs > e.tsMs { return true }
        if let t = target, let tv = versions[t], tv.lastLifecycleMs > e.tsMs { return true }
        return false
    }

    /// Moves one version and keeps `primary` in step with the states.
    private mutating func move(
        _ version: Int, to state: ModelState, _ e: ModelEvent, created: Bool = false, detail: String?,
        byVersion: Int? = nil
    ) {
        versions[version]?.move(
            to: state, tsMs: e.tsMs, event: e.event, cause: e.cause, detail: detail, byVersion: byVersion,
            created: created, lifecycle: true, maxTransitions: maxTransitions)
        if state == .primary {
            primary = version
        } else if primary == version {
            primary = nil
        }
    }

    /// Records that `instance` has `version` loaded. `role` is nil for model-event heartbeats.
    ///
    /// Metrics travel on their own topic, so they may only fill gaps the model events left:
    /// - an unknown version is created: `primary` when reported primary and the model has no
    ///   primary, `candidate` when reported as shadow, else `published`;
    /// - a known `published` version reported as shadow becomes `candidate`; a `published` or
    ///   `candidate` one reported primary becomes primary when the model has none;
    /// - nothing else changes: `replaced`, `rolled_back`, `failed` and `retired` were said by a
    ///   model event, and an instance still reporting such a version is just lagging;
    /// - no inference from a report older than the version's last lifecycle event.
    /// Inferred states are recorded as `serving` transitions and never move the out-of-order clock.
    mutating func heartbeat(
        instance: String, role: Role?, version: Int, tsMs: Int64, counters: inout RegistryCounters
    ) -> RegistryOutcome {
        var created = false
        if versions[version] == nil {
            guard makeRoom(for: 1, keeping: [], counters: &counters) else { return .refused(.tooManyVersions) }
            versions[version] = VersionRecord(version: version, state: .published, tsMs: tsMs)
            created = true
        }
        guard let before = versions[version] else { return .refused(.tooManyVersions) }
        let (outcome, dropped) =
            versions[version]?.heartbeat(instance: instance, role: role, tsMs: tsMs, maxInstances: maxInstances)
            ?? (.refused(.tooManyVersions), false)
        if dropped { counters.evictedInstances += 1 }

        var inferred: ModelState? = created ? .published : nil
        if tsMs >= before.lastLifecycleMs {
            switch (role, before.state) {
            case (.primary?, .published), (.primary?, .candidate):
                if primary == nil { inferred = .primary }
            case (.shadow?, .published):
                inferred = .candidate
            default:
                break
            }
        }
        if let state = inferred {
            let how = role.map { "reported \($0.rawValue) by \(instance)" } ?? "reported loaded by \(instance)"
            versions[version]?.move(
                to: state, tsMs: tsMs, event: .serving, cause: nil, detail: how, byVersion: nil, created: created,
                lifecycle: false, maxTransitions: maxTransitions)
            if state == .primary { primary = version }
        }
        return outcome
    }
}
