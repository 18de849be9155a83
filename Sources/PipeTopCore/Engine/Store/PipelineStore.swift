import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The one synchronized home of the data side: ingestion threads write, the UI takes snapshots.
///
/// A lock is not fair: an ingestion thread that is behind (a backlog, a slow build) takes it
/// again the moment it lets go, and a reader could wait for ever. Readers therefore say they
/// are waiting, and a writer that sees one after a batch steps aside until it got its turn.
public final class PipelineStore: Sendable {
    /// Which clock the store's time follows: the wall clock for a live source, event time for a replay.
    public let basis: StalenessBasis
    private let state: Mutex<StoreState>
    private let clock: any WallClock
    private let readersWaiting = Atomic<Int>(0)

    public init(settings: EngineSettings = EngineSettings(), basis: StalenessBasis = .arrival, clock: any WallClock = SystemWallClock()) {
        state = Mutex(StoreState(settings: settings, basis: basis))
        self.basis = basis
        self.clock = clock
    }

    /// Ingests one event.
    public func ingest(_ event: Event, source: String) {
        let now = clock.nowMs()
        state.withLock { $0.ingest(event, source: source, arrivalMs: now) }
        yieldToReaders()
    }

    /// Runs `body` with exclusive access to the state and one arrival time: ingest a whole batch under one lock.
    public func withBatch<R>(_ body: (inout StoreState, _ arrivalMs: Int64) throws -> R) rethrows -> R {
        let now = clock.nowMs()
        defer { yieldToReaders() }
        return try state.withLock { try body(&$0, now) }
    }

    /// Keeps the lag measured for `pipeline`'s consumer group (see `StoreState.record(_:for:)`).
    public func record(_ lag: GroupLag, for pipeline: String) {
        state.withLock { $0.record(lag, for: pipeline) }
    }

    /// `observer` sees every scored record ingested from now on, until removed.
    public func addScoredObserver(_ observer: any ScoredObserver) {
        read { $0.scoredObservers.append(observer) }
    }

    public func removeScoredObserver(_ observer: any ScoredObserver) {
        read { $0.scoredObservers.removeAll { $0 === observer } }
    }

    /// Events ingested so far: cheap to read, so the UI can tell whether anything new arrived
    /// without building a snapshot.
    public var totalEvents: UInt64 {
        read { $0.eventCount }
    }

    /// Scored records ingested so far: cheap, so a paused display can say how many arrived.
    public var scoredTotal: UInt64 {
        read { $0.scoredCount }
    }

    /// Moves a live store's time on to the wall clock, evaluating alerts when a new second
    /// began (see `StoreTicker`); nothing for a replay, whose time moves with its events.
    public func tick() {
        guard basis == .arrival else { return }
        let now = clock.nowMs()
        state.withLock { $0.tick(nowMs: now) }
    }

    /// The input ended: evaluates the alerts once more as of the store's time (see `StoreState.settle`).
    public func settle() {
        let now = clock.nowMs()
        state.withLock { $0.settle(arrivalMs: now) }
    }

    /// An immutable picture of everything as of now, with the alerts as last evaluated.
    public func snapshot() -> StoreSnapshot {
        let now = clock.nowMs()
        return read { $0.snapshot(arrivalMs: now) }
    }

    /// The lock for the UI's side, announced so that writers make way.
    private func read<R>(_ body: (inout StoreState) -> R) -> R {
        readersWaiting.add(1, ordering: .relaxed)
        defer { readersWaiting.subtract(1, ordering: .relaxed) }
        return state.withLock { body(&$0) }
    }

    /// After a write: while a reader waits, let it have the lock (for at most about 5 ms).
    private func yieldToReaders() {
        var tries = 0
        while readersWaiting.load(ordering: .relaxed) > 0, tries < 100 {
            usleep(50)
            tries += 1
        }
    }
}
