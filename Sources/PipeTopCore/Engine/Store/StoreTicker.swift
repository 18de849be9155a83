import Foundation

/// A live store's wall-clock tick: a thread of its own that moves the store's time on four
/// times a second, so alerts are evaluated (a pipeline turns stale) while nothing arrives and
/// nobody takes snapshots (a paused display, a headless watch). Runs until `stop`.
public final class StoreTicker: Sendable {
    private let running = RunFlag()

    public init(store: PipelineStore, intervalMs: Int = 250) {
        running.set(true)
        let thread = Thread { [running] in
            while running.isSet {
                store.tick()
                usleep(useconds_t(intervalMs * 1_000))
            }
        }
        thread.name = "pipetop-tick"
        thread.start()
    }

    /// Stops the thread after its current sleep; safe to call more than once.
    public func stop() {
        running.set(false)
    }

    deinit {
        stop()
    }
}
