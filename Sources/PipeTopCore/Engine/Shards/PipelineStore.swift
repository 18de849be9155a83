import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The one synchronized home of the data side: ingestion threads write, the UI takes snapshots.
///
/// The state is split into shards by pipeline (`ShardRouting`), each behind a lock of its own,
/// so ingest workers decoding in parallel (`ShardedIngestor`) write different shards at once;
/// a snapshot merges the shards' pictures. With one shard (the default) it is one state
/// behind one lock. The caps of `StoreLimits` on what pipelines hold (pipelines, tracked
/// versions, drift windows) are shared out among the shards, so the whole store stays within
/// them; each shard keeps a label join of the full size (about 10 MB: `labelJoinKeys`,
/// 100,000 by default, preallocated), as one busy pipeline may have a shard to itself.
///
/// A lock is not fair: an ingestion thread that is behind (a backlog, a slow build) takes it
/// again the moment it lets go, and a reader could wait for ever. Readers therefore say they
/// are waiting, and a writer that sees one after a batch steps aside until it got its turn.
public final class PipelineStore: Sendable {
    /// Which clock the store's time follows: the wall clock for a live source, event time for a replay.
    public let basis: StalenessBasis
    let shards: [StoreShard]
    let clock: any WallClock
    private let readersWaiting = Atomic<Int>(0)
    /// The pipeline last given to `focus(on:)`, so an unchanged one takes no lock.
    private let focused = Mutex<String?>(nil)
    /// The tail and timeline every merged snapshot is cut to (each shard keeps as many).
    private let limits: StoreLimits

    public init(
        settings: EngineSettings = EngineSettings(), basis: StalenessBasis = .arrival, clock: any WallClock = SystemWallClock(),
        shards count: Int = 1
    ) {
        let count = max(1, count)
        let each = Self.shareOut(settings, among: count)
        shards = (0..<count).map { _ in StoreShard(StoreState(settings: each, basis: basis)) }
        self.basis = basis
        self.clock = clock
        limits = settings.limits
    }

    /// How many shards the state is split into.
    public var shardCount: Int { shards.count }

    /// Ingests one event.
    public func ingest(_ event: Event, source: String) {
        let now = clock.nowMs()
        shard(of: event.pipeline).withLock { $0.ingest(event, source: source, arrivalMs: now) }
        yieldToReaders()
    }

    /// Runs `body` with exclusive access to every shard and one arrival time: ingest a whole
    /// batch under one lock per shard. Parallel workers use `ShardedIngestor` instead, which
    /// holds one shard at a time.
    public func withBatch<R>(_ body: (inout StoreWriter, _ arrivalMs: Int64) throws -> R) rethrows -> R {
        let now = clock.nowMs()
        defer { yieldToReaders() }
        for shard in shards { shard.lock() }
        defer { for shard in shards { shard.unlock() } }
        var writer = StoreWriter(shards)
        return try body(&writer, now)
    }

    /// Runs `body` with exclusive access to the shard `pipeline` lives in: for a source whose
    /// messages all belong to one pipeline (a topic-mapped pipeline's reader).
    public func withShard<R>(for pipeline: String, _ body: (inout StoreState, _ arrivalMs: Int64) throws -> R) rethrows -> R {
        let now = clock.nowMs()
        return try shard(of: pipeline).withLock { try body(&$0, now) }
    }

    /// Keeps the lag measured for `pipeline`'s consumer group (see `StoreState.record(_:for:)`).
    public func record(_ lag: GroupLag, for pipeline: String) {
        shard(of: pipeline).withLock { $0.record(lag, for: pipeline) }
    }

    /// Keeps what is wrong with `topic` (see `StoreState.recordWarning`), in the first shard:
    /// a topic belongs to no one pipeline.
    public func recordWarning(_ warning: String?, topic: String, kind: TopicWarning.Kind) {
        shards[0].withLock { $0.recordWarning(warning, topic: topic, kind: kind) }
    }

    /// `observer` sees every scored record ingested from now on, until removed; from every
    /// ingest thread, so it must be thread-safe.
    public func addScoredObserver(_ observer: any ScoredObserver) {
        for shard in shards { read(shard) { $0.scoredObservers.append(observer) } }
    }

    public func removeScoredObserver(_ observer: any ScoredObserver) {
        for shard in shards { read(shard) { $0.scoredObservers.removeAll { $0 === observer } } }
    }

    /// Events ingested so far: cheap to read, so the UI can tell whether anything new arrived
    /// without building a snapshot.
    public var totalEvents: UInt64 {
        shards.reduce(0) { sum, shard in sum + read(shard) { $0.eventCount } }
    }

    /// Scored records ingested so far: cheap, so a paused display can say how many arrived.
    public var scoredTotal: UInt64 {
        shards.reduce(0) { sum, shard in sum + read(shard) { $0.scoredCount } }
    }

    /// Moves a live store's time on to the wall clock, evaluating alerts when a new second
    /// began (see `StoreTicker`); nothing for a replay, whose time moves with its events.
    public func tick() {
        guard basis == .arrival else { return }
        let now = clock.nowMs()
        for shard in shards { shard.withLock { $0.tick(nowMs: now) } }
    }

    /// The input ended: evaluates the alerts once more as of the store's time (see
    /// `StoreState.settle`), the newest of all shards', so every pipeline is judged at one time.
    public func settle() {
        let now = storeNow(arrivalMs: clock.nowMs())
        for shard in shards { shard.withLock { $0.settle(storeNowMs: now) } }
    }

    /// An immutable picture of everything as of now, with the alerts as last evaluated: the
    /// shards' pictures, taken one after the other at one store time, merged.
    public func snapshot() -> StoreSnapshot {
        let arrival = clock.nowMs()
        guard shards.count > 1 else { return read(shards[0]) { $0.snapshot(arrivalMs: arrival) } }
        let now = storeNow(arrivalMs: arrival)
        var lastArrivalMs: Int64?
        let parts = shards.map { shard in
            read(shard) { state -> StoreSnapshot in
                if let last = state.lastArrivalMs { lastArrivalMs = max(lastArrivalMs ?? last, last) }
                return state.snapshot(arrivalMs: arrival, storeNowMs: now)
            }
        }
        let quietSince = StoreState.quietSinceMs(basis: basis, lastArrivalMs: lastArrivalMs, arrivalMs: arrival)
        return StoreSnapshot(merging: parts, quietSinceMs: quietSince, limits: limits)
    }

    /// Store time at wall-clock `arrivalMs`: the newest event time of all shards for a replay.
    private func storeNow(arrivalMs: Int64) -> Int64 {
        shards.map { shard in read(shard) { $0.storeNow(arrivalMs: arrivalMs) } }.max() ?? arrivalMs
    }

    func shard(of pipeline: String) -> StoreShard {
        shards[ShardRouting.shard(of: pipeline, count: shards.count)]
    }

    /// The pipeline the operator is looking at, or nil: when more versions score than the store
    /// follows, its versions get live windows first (see `StoreState.focusedPipeline`).
    public func focus(on pipeline: String?) {
        let changed = focused.withLock { current in
            defer { current = pipeline }
            return current != pipeline
        }
        guard changed else { return }
        for shard in shards { read(shard) { $0.focusedPipeline = pipeline } }
    }

    /// A shard's lock for the UI's side, announced so that writers make way.
    private func read<R>(_ shard: StoreShard, _ body: (inout StoreState) -> R) -> R {
        readersWaiting.add(1, ordering: .relaxed)
        defer { readersWaiting.subtract(1, ordering: .relaxed) }
        return shard.withLock(body)
    }

    /// After a write: while a reader waits, let it have the lock (for at most about 5 ms).
    func yieldToReaders() {
        var tries = 0
        while readersWaiting.load(ordering: .relaxed) > 0, tries < 100 {
            usleep(50)
            tries += 1
        }
    }

    /// Each shard's settings: the caps on pipelines, tracked versions and drift windows divided
    /// among `count` shards (rounded up); the tail, timeline and alert history stay whole, as
    /// a merged snapshot cuts them to size.
    static func shareOut(_ settings: EngineSettings, among count: Int) -> EngineSettings {
        guard count > 1 else { return settings }
        var each = settings
        func share(_ n: Int) -> Int { max(1, (n + count - 1) / count) }
        each.limits.maxPipelines = share(settings.limits.maxPipelines)
        each.limits.maxTrackedVersions = share(settings.limits.maxTrackedVersions)
        each.limits.maxDriftWindows = share(settings.limits.maxDriftWindows)
        return each
    }
}
