import CRdKafka
import Dispatch
import Foundation
import PipeTopCore

/// One of a `KafkaSource`'s ingest workers: a thread of its own reading a queue that some of
/// the contract topics' partitions are forwarded to (`rd_kafka_queue_forward`), decoding on
/// that thread and writing its pipelines' shards of the store.
final class KafkaIngestWorker: @unchecked Sendable {
    /// The worker's queue; partitions forwarded here are read by this worker alone.
    let queue: OpaquePointer
    private let done = DispatchSemaphore(value: 0)
    private let running = RunFlag()

    init(client: KafkaClient) {
        queue = rd_kafka_queue_new(client.handle)!
    }

    /// Starts the thread, reading until `stop`.
    func start(store: PipelineStore, monitor: KafkaSourceMonitor, log: KafkaLog, options: KafkaSourceOptions, index: Int) {
        running.set(true)
        let pollMs = Int32(clamping: options.pollTimeout.milliseconds)
        let thread = Thread { [self] in
            var reader = KafkaQueueIngest(batchSize: options.batchSize, shards: store.shardCount, thread: index + 1)
            while running.isSet { reader.poll(queue, pollMs: pollMs, into: store, monitor: monitor, log: log) }
            reader.deallocate()
            done.signal()
        }
        thread.name = "pipetop-ingest-\(index)"
        thread.start()
    }

    /// Stops the thread and waits for it (at most a poll timeout), then releases the queue.
    func stop() {
        running.set(false)
        done.wait()
        rd_kafka_queue_destroy(queue)
    }
}
