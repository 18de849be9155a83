/// The registry's mutable record of one model version; `VersionSnapshot` is its frozen copy.
struct VersionRecord: Sendable {
    let version: Int
    var state: ModelState
    var parent: Int?
    var description: String?
    var metrics: [NamedValue] = []
    var artifact: ArtifactSummary?
    var reference: Reference?
    /// Where the newest models message of a mapped pipeline's version was read.
    var origin: MessageOrigin?
    let firstSeenMs: Int64
    var stateSinceMs: Int64
    /// Latest event time of anything about this version, heartbeats included (for display).
    var lastEventMs: Int64
    /// Latest event time of a model lifecycle event applied to it: the clock out-of-order is judged by.
    /// Heartbeats and metrics never move it, because they travel on other topics and partitions
    /// than model events, so their interleaving with them says nothing about order.
    var lastLifecycleMs: Int64 = .min
    var serving: [ServingInstance] = []
    var history: [ModelTransition] = []

    init(version: Int, state: ModelState, tsMs: Int64) {
        self.version = version
        self.state = state
        self.firstSeenMs = tsMs
        self.stateSinceMs = tsMs
        self.lastEventMs = tsMs
    }

    /// Takes whatever descriptive fields the event carries; absent fields keep what an earlier event said.
    mutating func absorbMetadata(_ e: ModelEvent) {
        if let d = e.description { description = d }
        if let p = e.parent { parent = p }
        if !e.metrics.isEmpty { metrics = e.metrics }
        if let a = e.artifact { artifact = ArtifactSummary(a) }
        if let r = e.reference { reference = r }
    }

    /// Takes the descriptive fields of an event older than what the version knows only where
    /// nothing newer said them (a mapped pipeline's scored records can name a version before
    /// its models message, with its description and artifact, is read).
    mutating func absorbMissingMetadata(_ e: ModelEvent) {
        if description == nil { description = e.description }
        if parent == nil { parent = e.parent }
        if metrics.isEmpty { metrics = e.metrics }
        if artifact == nil, let a = e.artifact { artifact = ArtifactSummary(a) }
        if reference == nil { reference = e.reference }
    }

    /// An exact repeat of an event this version already took (its own, not one induced by another version).
    func hasSeen(_ e: ModelEvent) -> Bool {
        history.contains { $0.byVersion == nil && $0.event == e.event && $0.tsMs == e.tsMs && $0.cause == e.cause }
    }

    /// Moves to `to` (possibly the same state) and records it; `lifecycle` is false for states
    /// inferred from heartbeats, which must not move the out-of-order clock.
    mutating func move(
        to: ModelState, tsMs: Int64, event: ModelEventKind, cause: String?, detail: String?, byVersion: Int?,
        created: Bool, lifecycle: Bool, maxTransitions: Int
    ) {
        let from: ModelState? = created ? nil : state
        if from != to { stateSinceMs = tsMs }
        state = to
        lastEventMs = max(lastEventMs, tsMs)
        if lifecycle { lastLifecycleMs = max(lastLifecycleMs, tsMs) }
        record(
            ModelTransition(
                tsMs: tsMs, event: event, from: from, to: to, cause: cause, detail: detail, byVersion: byVersion),
            maxTransitions: maxTransitions)
    }

    mutating func record(_ t: ModelTransition, maxTransitions: Int) {
        let cap = max(1, maxTransitions)
        if history.count >= cap { history.removeFirst(history.count - cap + 1) }
        // Grown to exactly what it holds: the history stays as long as the version does, and an
        // array grown by doubling would carry up to as many empty entries again (a finished
        // version has a handful of transitions; copying them once more is cheap).
        if history.count == history.capacity { history.reserveCapacity(history.count + 1) }
        history.append(t)
    }

    /// Records a heartbeat; returns the outcome and whether an instance had to be dropped for room.
    mutating func heartbeat(instance: String, role: Role?, tsMs: Int64, maxInstances: Int) -> (RegistryOutcome, Bool) {
        lastEventMs = max(lastEventMs, tsMs)
        if let i = serving.firstIndex(where: { $0.instance == instance }) {
            let old = serving[i]
            if tsMs < old.lastSeenMs { return (.outOfOrder, false) }
            // Model-event heartbeats carry no role: keep the one metrics told us.
            let newRole = role ?? old.role
            if tsMs == old.lastSeenMs && newRole == old.role { return (.duplicate, false) }
            serving[i] = ServingInstance(instance: instance, role: newRole, lastSeenMs: tsMs)
            return (.applied, false)
        }
        var dropped = false
        if serving.count >= max(1, maxInstances),
            let stalest = serving.indices.min(by: { serving[$0].lastSeenMs < serving[$1].lastSeenMs })
        {
            serving.remove(at: stalest)
            dropped = true
        }
        serving.append(ServingInstance(instance: instance, role: role, lastSeenMs: tsMs))
        return (.applied, dropped)
    }

    /// Forgets an instance whose newer report no longer lists this version.
    mutating func dropInstance(_ instance: String, reportedAtMs: Int64) {
        serving.removeAll { $0.instance == instance && $0.lastSeenMs <= reportedAtMs }
    }

    var approximateBytes: Int {
        var n = MemoryLayout<VersionRecord>.stride + 16  // + the dictionary slot holding it
        n += description?.utf8.count ?? 0
        for m in metrics { n += MemoryLayout<NamedValue>.stride + m.name.utf8.count }
        if let a = artifact { n += a.format.utf8.count + a.sha256.utf8.count + (a.uri?.utf8.count ?? 0) }
        if let o = origin { n += o.topic.utf8.count }
        if let r = reference {
            n += Self.bytes(of: r.score)
            for (name, h) in r.features { n += name.utf8.count + Self.bytes(of: h) }
        }
        for t in history {
            n += MemoryLayout<ModelTransition>.stride + (t.cause?.utf8.count ?? 0) + (t.detail?.utf8.count ?? 0)
        }
        for s in serving { n += MemoryLayout<ServingInstance>.stride + s.instance.utf8.count }
        return n
    }

    private static func bytes(of h: ReferenceHistogram) -> Int {
        MemoryLayout<ReferenceHistogram>.stride + 8 * (h.edges.count + h.counts.count + (h.sample?.count ?? 0))
    }
}
