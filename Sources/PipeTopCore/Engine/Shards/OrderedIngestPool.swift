import Foundation
import Synchronization

/// Worker threads that decode batches of contract messages from one reader (a recording) in
/// parallel and ingest them into a store's shards, each shard taking its share of the
/// batches in the order they were submitted (`ShardedIngestor.flush(into:sequence:)`), so the
/// store ends as it would after reading the same lines one by one.
///
/// `submit` blocks while `2 × workers` batches wait, so memory stays bounded however fast the
/// reader is.
public final class OrderedIngestPool: Sendable {
    private struct Queue {
        var batches: [(batch: LineBatch, sequence: Int)] = []
        var nextSequence = 0
        var closed = false
    }

    private let queue = Mutex(Queue())
    private let items = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore
    private let done = DispatchSemaphore(value: 0)
    private let workers: Int

    /// Starts `workers` threads ingesting into `store` what comes from `source`.
    public init(store: PipelineStore, source: String, workers: Int) {
        self.workers = max(1, workers)
        room = DispatchSemaphore(value: 2 * self.workers)
        for i in 0..<self.workers {
            let thread = Thread { [self] in
                var ingestor = ShardedIngestor(shards: store.shardCount)
                while let (batch, sequence) = take() {
                    batch.forEach { ingestor.add($0, source: source) }
                    ingestor.flush(into: store, sequence: sequence)
                    room.signal()
                }
                done.signal()
            }
            thread.name = "pipetop-ingest-\(i)"
            thread.start()
        }
    }

    /// Hands `batch` to the workers, waiting while the queue is full.
    public func submit(_ batch: LineBatch) {
        room.wait()
        queue.withLock {
            $0.batches.append((batch, $0.nextSequence))
            $0.nextSequence += 1
        }
        items.signal()
    }

    /// No more batches: returns once every batch submitted is ingested and the threads ended.
    public func finish() {
        queue.withLock { $0.closed = true }
        for _ in 0..<workers { items.signal() }
        for _ in 0..<workers { done.wait() }
    }

    /// The next batch in submission order; nil once closed and empty.
    private func take() -> (LineBatch, Int)? {
        items.wait()
        return queue.withLock { q in
            guard !q.batches.isEmpty else { return nil }
            return q.batches.removeFirst()
        }
    }
}
