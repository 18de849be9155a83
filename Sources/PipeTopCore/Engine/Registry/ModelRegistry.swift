/// The models of one pipeline, their versions and lifecycle, derived from model events and serving reports.
///
/// A plain value: no locks, no clock. The `PipelineStore` owns one per pipeline behind its own
/// synchronisation, feeds it events in arrival order and hands `snapshot()` to the UI.
/// Mutate it in place (`registries[p, default: ModelRegistry(limits: l)].apply(e)`): taking a
/// copy out and writing it back would copy every version's dictionary on each event.
public struct ModelRegistry: Sendable {
    public let limits: StoreLimits
    /// Serving instances remembered per version; the least recently seen one goes first.
    public let maxServingInstancesPerVersion: Int
    /// Model names in the order they were first seen.
    public private(set) var models: [String] = []
    public private(set) var counters = RegistryCounters()
    private var records: [String: ModelRecord] = [:]
    /// Which versions each instance last reported, so a report that no longer lists one drops it.
    private var servingIndex: [String: [VersionKey]] = [:]
    /// An instance loads a handful of versions; a longer list is noise we need not remember.
    private static let maxIndexedVersionsPerInstance = 64
    /// The texts versions keep from their events (descriptions, details, formats), stored once.
    private var texts = StringPool(capacity: Self.sharedTexts)
    /// A pipeline's models repeat a few texts (one description per step of their lifecycle, a
    /// format per model); more than these is text that does not repeat.
    private static let sharedTexts = 32

    public init(limits: StoreLimits = StoreLimits(), maxServingInstancesPerVersion: Int = 64) {
        self.limits = limits
        self.maxServingInstancesPerVersion = max(1, maxServingInstancesPerVersion)
    }

    /// Applies one model event; see `RegistryOutcome` for what can happen to it.
    @discardableResult
    public mutating func apply(_ e: ModelEvent) -> RegistryOutcome {
        let outcome = applyUncounted(sharingTexts(e))
        records[e.model]?.dropFinishedReferences()
        count(outcome)
        return outcome
    }

    /// Records a metrics event's `serving` list: who serves what, in which role. The list is the
    /// instance's full report, so versions it reported before and no longer lists lose it.
    /// Unknown versions are created; the inference rules are on `ModelRecord.heartbeat`.
    public mutating func observeServing(instance: String, entries: [ServingEntry], tsMs: Int64) {
        guard !instance.isEmpty else {
            count(.refused(.missingInstance))
            return
        }
        var reported: [VersionKey] = []
        reported.reserveCapacity(entries.count)
        for entry in entries {
            let outcome = heartbeat(
                instance: instance, role: entry.role, model: entry.model, version: entry.version, tsMs: tsMs)
            if case .refused = outcome {
                count(outcome)
                continue
            }
            reported.append(VersionKey(model: entry.model, version: entry.version))
        }
        for old in servingIndex[instance] ?? [] where !reported.contains(old) {
            records[old.model]?.versions[old.version]?.dropInstance(instance, reportedAtMs: tsMs)
        }
        index(instance, reported, replacing: true)
    }

    /// Remembers where the newest models message of a known version was read (mapped
    /// pipelines); nothing for a version the registry does not hold.
    public mutating func noteOrigin(_ origin: MessageOrigin, model: String, version: Int) {
        records[model]?.versions[version]?.origin = origin
    }

    // MARK: Queries

    public func primary(of model: String) -> Int? { records[model]?.primary }

    /// Versions in state `candidate`, ascending.
    public func candidates(of model: String) -> [Int] { records[model]?.candidates ?? [] }

    /// The version that was primary before the current one according to the transition history,
    /// skipping versions since rolled back, failed or retired: the target of a rollback.
    public func previousPrimary(of model: String) -> Int? { records[model]?.previousPrimary() }

    /// The state of a version, without copying its record.
    public func state(model: String, version: Int) -> ModelState? { records[model]?.versions[version]?.state }

    /// The reference a version shipped, kept until the version is finished (see `ModelRecord.dropFinishedReferences`).
    public func reference(model: String, version: Int) -> Reference? { records[model]?.versions[version]?.reference }

    public func version(model: String, version: Int) -> VersionSnapshot? {
        records[model]?.versions[version].map(VersionSnapshot.init)
    }

    public func snapshot() -> [ModelSnapshot] { models.compactMap { records[$0]?.snapshot() } }

    /// What the registry holds, estimated: strings, histories, references, instances.
    public var approximateBytes: Int {
        var n = MemoryLayout<ModelRegistry>.stride
        for (name, record) in records { n += name.utf8.count + 16 + record.approximateBytes }
        for (instance, keys) in servingIndex {
            let keyBytes = keys.reduce(0) { $0 + MemoryLayout<VersionKey>.stride + $1.model.utf8.count }
            n += instance.utf8.count + 16 + keyBytes
        }
        return n
    }

    // MARK: Internals

    private mutating func applyUncounted(_ e: ModelEvent) -> RegistryOutcome {
        guard !e.model.isEmpty else { return .refused(.emptyModelName) }
        if e.event == .serving {
            guard let instance = e.instance, !instance.isEmpty else { return .refused(.missingInstance) }
            let outcome = heartbeat(instance: instance, role: nil, model: e.model, version: e.version, tsMs: e.tsMs)
            if case .applied = outcome {
                records[e.model]?.versions[e.version]?.absorbMetadata(e)
                index(instance, [VersionKey(model: e.model, version: e.version)], replacing: false)
            }
            return outcome
        }
        if e.event == .rolledBack, e.toVersion == nil || e.toVersion == e.version {
            return .refused(.missingRollbackTarget)
        }
        guard ensureModel(e.model) else { return .refused(.tooManyModels) }
        return records[e.model]?.apply(e, counters: &counters) ?? .refused(.tooManyModels)
    }

    private mutating func heartbeat(instance: String, role: Role?, model: String, version: Int, tsMs: Int64)
        -> RegistryOutcome
    {
        guard !model.isEmpty else { return .refused(.emptyModelName) }
        guard ensureModel(model) else { return .refused(.tooManyModels) }
        return records[model]?.heartbeat(
            instance: instance, role: role, version: version, tsMs: tsMs, counters: &counters)
            ?? .refused(.tooManyModels)
    }

    /// The event with the texts a version keeps replaced by the copies already stored; the
    /// store puts this copy in its timeline too, so the texts are not kept twice.
    mutating func sharingTexts(_ e: ModelEvent) -> ModelEvent {
        var e = e
        e.description = texts.share(e.description)
        e.cause = texts.share(e.cause)
        e.detail = texts.share(e.detail)
        if let format = e.artifact?.format { e.artifact?.format = texts.share(format) }
        return e
    }

    /// Models are never evicted: a pipeline with more than the cap is misconfigured or hostile,
    /// and dropping a model that serves would hide exactly what the operator needs to see.
    private mutating func ensureModel(_ name: String) -> Bool {
        if records[name] != nil { return true }
        guard records.count < max(1, limits.maxModelsPerPipeline) else { return false }
        records[name] = ModelRecord(name: name, limits: limits, maxInstances: maxServingInstancesPerVersion)
        models.append(name)
        return true
    }

    private mutating func index(_ instance: String, _ keys: [VersionKey], replacing: Bool) {
        if servingIndex[instance] == nil, servingIndex.count >= max(1, limits.maxInstancesPerPipeline) {
            return  // the per-version instance cap still bounds what such an instance costs
        }
        var list = replacing ? [] : servingIndex[instance] ?? []
        for k in keys where !list.contains(k) { list.append(k) }
        if list.count > Self.maxIndexedVersionsPerInstance {
            list.removeFirst(list.count - Self.maxIndexedVersionsPerInstance)
        }
        servingIndex[instance] = list
    }

    private mutating func count(_ outcome: RegistryOutcome) {
        switch outcome {
        case .applied: counters.applied += 1
        case .duplicate: counters.duplicates += 1
        case .outOfOrder: counters.outOfOrder += 1
        case .refused: counters.refused += 1
        }
    }
}
