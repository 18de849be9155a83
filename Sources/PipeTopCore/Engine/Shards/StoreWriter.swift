/// Exclusive access to every shard of a `PipelineStore` for one batch (`withBatch`): each
/// event goes to its pipeline's shard; what belongs to no pipeline (undecodable messages) to
/// the first. With one shard it is that shard's state.
public struct StoreWriter: StoreSink {
    private let shards: [StoreShard]

    init(_ shards: [StoreShard]) {
        self.shards = shards
    }

    private func shard(of pipeline: String) -> StoreShard {
        shards[ShardRouting.shard(of: pipeline, count: shards.count)]
    }

    public mutating func ingest(_ event: Event, source: String, arrivalMs: Int64) {
        shard(of: event.pipeline).state.ingest(event, source: source, arrivalMs: arrivalMs)
    }

    public mutating func ingest(scored e: borrowing ScoredEvent, source: String, arrivalMs: Int64) {
        shard(of: e.pipeline).state.ingest(scored: e, source: source, arrivalMs: arrivalMs)
    }

    public mutating func recordMalformed(source: String, error: String, arrivalMs: Int64) {
        shards[0].state.recordMalformed(source: source, error: error, arrivalMs: arrivalMs)
    }

    public mutating func recordUnknownType(source: String) {
        shards[0].state.recordUnknownType(source: source)
    }

    /// See `StoreState.hasOtherInstances(_:than:sinceMs:)`.
    public func hasOtherInstances(_ pipeline: String, than instance: String, sinceMs: Int64) -> Bool {
        shard(of: pipeline).state.hasOtherInstances(pipeline, than: instance, sinceMs: sinceMs)
    }
}
