import Synchronization

/// The one synchronized home of the data side: ingestion threads write, the UI takes snapshots.
public final class PipelineStore: Sendable {
    private let state: Mutex<StoreState>
    private let clock: any WallClock

    public init(settings: EngineSettings = EngineSettings(), basis: StalenessBasis = .arrival, clock: any WallClock = SystemWallClock()) {
        state = Mutex(StoreState(settings: settings, basis: basis))
        self.clock = clock
    }

    /// Ingests one event.
    public func ingest(_ event: Event, source: String) {
        let now = clock.nowMs()
        state.withLock { $0.ingest(event, source: source, arrivalMs: now) }
    }

    /// Runs `body` with exclusive access to the state and one arrival time: ingest a whole batch under one lock.
    public func withBatch<R>(_ body: (inout StoreState, _ arrivalMs: Int64) throws -> R) rethrows -> R {
        let now = clock.nowMs()
        return try state.withLock { try body(&$0, now) }
    }

    /// Keeps the lag measured for `pipeline`'s consumer group (see `StoreState.record(_:for:)`).
    public func record(_ lag: GroupLag, for pipeline: String) {
        state.withLock { $0.record(lag, for: pipeline) }
    }

    /// Installs (or with nil removes) the observer of every scored record from now on.
    public func observeScored(_ observer: (any ScoredObserver)?) {
        state.withLock { $0.scoredObserver = observer }
    }

    /// Events ingested so far: cheap to read, so the UI can tell whether anything new arrived
    /// without building a snapshot.
    public var totalEvents: UInt64 {
        state.withLock { $0.eventCount }
    }

    /// Scored records ingested so far: cheap, so a paused display can say how many arrived.
    public var scoredTotal: UInt64 {
        state.withLock { $0.scoredCount }
    }

    /// An immutable picture of everything, with alerts evaluated as of now.
    public func snapshot() -> StoreSnapshot {
        let now = clock.nowMs()
        return state.withLock { $0.snapshot(arrivalMs: now) }
    }
}
