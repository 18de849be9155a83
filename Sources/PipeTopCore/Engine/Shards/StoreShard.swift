#if canImport(Glibc)
import Glibc
#endif

/// One shard of a `PipelineStore`: the state of the pipelines that hash to it, behind a lock
/// of its own, so ingest workers writing different shards never wait for each other.
///
/// A condition variable lets a writer wait for its turn (`waitForTurn`): a replay split over
/// workers applies each shard's share of its batches in the order the batches were read.
final class StoreShard: @unchecked Sendable {
    /// Guarded by `mutex`.
    var state: StoreState
    /// The next batch sequence number this shard takes (see `PipelineStore.ingest(_:sequence:)`); guarded by `mutex`.
    var nextSequence = 0
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let turn = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init(_ state: StoreState) {
        self.state = state
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(turn, nil)
    }

    deinit {
        pthread_cond_destroy(turn)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        turn.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    /// Takes the lock if no one holds it.
    func tryLock() -> Bool { pthread_mutex_trylock(mutex) == 0 }

    func unlock() { pthread_mutex_unlock(mutex) }

    /// With the lock held: waits until the shard takes batch `sequence`.
    func waitForTurn(_ sequence: Int) {
        while nextSequence != sequence { pthread_cond_wait(turn, mutex) }
    }

    /// With the lock held: the batch in turn is applied, the next one may come.
    func advance() {
        nextSequence += 1
        pthread_cond_broadcast(turn)
    }

    /// Runs `body` with the lock held.
    func withLock<R>(_ body: (inout StoreState) throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body(&state)
    }
}
