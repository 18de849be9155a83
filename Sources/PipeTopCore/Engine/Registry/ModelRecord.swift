/// The registry's mutable record of one model: its versions and which one is primary.
///
/// Lifecycle rules live here (`apply`); `ModelRegistry` adds the per-pipeline caps,
/// counters and the instance index on top.
struct ModelRecord: Sendable {
    let name: String
    let maxVersions: Int
    let maxTransitions: Int
    let maxInstances: Int
    var versions: [Int: VersionRecord] = [:]
    var primary: Int?

    init(name: String, limits: StoreLimits, maxInstances: Int) {
        self.name = name
        self.maxVersions = max(1, limits.maxVersionsPerModel)
        self.maxTransitions = max(1, limits.maxTransitionsPerVersion)
        self.maxInstances = max(1, maxInstances)
    }

    var candidates: [Int] { versions.values.filter { $0.state == .candidate }.map(\.version).sorted() }

    /// The version that was primary before the current one, walking every version's history
    /// of becoming primary backwards in event time. Versions that have since been rolled back,
    /// failed or retired are skipped: they are exactly the ones a rollback must not return to.
    func previousPrimary() -> Int? {
        var best: (ts: Int64, version: Int)?
        for v in versions.values where v.version != primary {
            switch v.state {
            case .rolledBack, .failed, .retired: continue
            default: break
            }
            // In order: the step to primary. Out of order: a `promoted` learned late (it still served then).
            guard let ts = v.history.last(where: {
                ($0.to == .primary && $0.from != .primary && !$0.outOfOrder) || ($0.event == .promoted && $0.outOfOrder && $0.to == .replaced)
            })?.tsMs
            else { continue }
            if best.map({ (ts, v.version) > ($0.ts, $0.version) }) ?? true { best = (ts, v.version) }
        }
        return best?.version
    }

    /// Makes room for `count` new versions by evicting the oldest ones that are neither primary,
    /// candidate, the rollback target nor in `keep`; false when that is not enough.
    mutating func makeRoom(for count: Int, keeping keep: [Int], counters: inout RegistryCounters) -> Bool {
        guard versions.count + count > maxVersions else { return true }
        let rollbackTarget = previousPrimary()
        while versions.count + count > maxVersions {
            var oldest: VersionRecord?
            for v in versions.values {
                if v.state == .primary || v.state == .candidate || v.version == primary { continue }
                if v.version == rollbackTarget || keep.contains(v.version) { continue }
                if let o = oldest, (o.firstSeenMs, o.version) <= (v.firstSeenMs, v.version) { continue }
                oldest = v
            }
            guard let victim = oldest else { return false }
            versions.removeValue(forKey: victim.version)
            counters.evictedVersions += 1
        }
        return true
    }

    /// Drops the shipped reference (histograms and samples, tens of kilobytes with features) of
    /// every finished version but the rollback target, the one version a rollback may make
    /// primary again. The store froze those versions' drift numbers when they finished; a
    /// version promoted again later learns its reference anew. Run after every model event,
    /// so an older or repeated event cannot bring a reference back.
    mutating func dropFinishedReferences() {
        guard versions.values.contains(where: { $0.reference != nil && $0.state.isFinished }) else { return }
        let rollbackTarget = previousPrimary()
        for (v, record) in versions where record.reference != nil && record.state.isFinished && v != rollbackTarget {
            versions[v]?.reference = nil
        }
    }

    var approximateBytes: Int {
        versions.values.reduce(MemoryLayout<ModelRecord>.stride + name.utf8.count) { $0 + $1.approximateBytes }
    }

    func snapshot() -> ModelSnapshot {
        // Keys sorted, not records: moving records about while sorting copies every one of them.
        // Exactly as many as there are: the picture is kept until the registry changes, and an
        // array grown by appending would hold up to as many unused entries again.
        var list: [VersionSnapshot] = []
        list.reserveCapacity(versions.count)
        for v in versions.keys.sorted(by: >) {
            if let record = versions[v] { list.append(VersionSnapshot(record)) }
        }
        return ModelSnapshot(
            name: name, versions: list, primary: primary, candidates: candidates, previousPrimary: previousPrimary())
    }
}
