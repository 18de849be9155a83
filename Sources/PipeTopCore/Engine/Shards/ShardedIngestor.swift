/// An ingest worker's hot path: decodes a batch of raw contract messages holding no lock,
/// then ingests each shard's share of it under that shard's lock alone, taking first the
/// shards no other worker holds. Keep one per worker thread.
///
/// Scored records are decoded into slots reused from batch to batch, so a steady stream
/// allocates nothing once the slots exist.
public struct ShardedIngestor: Sendable {
    /// What a message decoded to; small, so the batch's list moves little memory.
    private enum Decoded: Sendable {
        /// Index in `slots`.
        case scored(Int)
        /// Index in `others`.
        case other(Int)
        case undecodable(DecodeError)
    }

    private struct Pending: Sendable {
        var shard: Int
        var source: String
        var decoded: Decoded
    }

    private var decoder: EventDecoder
    private var slots: [ScoredEvent] = []
    private var used = 0
    private var others: [Event] = []
    private var pending: [Pending] = []
    private let shardCount: Int
    /// The last pipeline routed and its shard: records come in runs of one pipeline.
    private var lastPipeline = ""
    private var lastShard = 0

    public init(shards: Int, decoder: EventDecoder = EventDecoder()) {
        shardCount = max(1, shards)
        self.decoder = decoder
    }

    /// Messages decoded and not yet ingested.
    public var count: Int { pending.count }

    /// Decodes one message into the batch.
    public mutating func add(_ bytes: UnsafeRawBufferPointer, source: String) {
        if used == slots.count { slots.append(ScoredEvent()) }
        do {
            switch try decoder.decode(bytes, scoredInto: &slots[used]) {
            case .scored:
                pending.append(Pending(shard: shard(of: slots[used].pipeline), source: source, decoded: .scored(used)))
                used += 1
            case .other(let event):
                pending.append(Pending(shard: shard(of: event.pipeline), source: source, decoded: .other(others.count)))
                others.append(event)
            }
        } catch {
            pending.append(Pending(shard: 0, source: source, decoded: .undecodable(error)))
        }
    }

    /// Ingests the batch into `store` (which must have the shard count given at `init`) and
    /// empties it. With a `sequence`, every shard takes its share of batch n only after that
    /// of batch n − 1 (batches numbered from 0 by the one reader handing them out), so a
    /// replay split over workers meets each pipeline's events in the order it read them.
    public mutating func flush(into store: PipelineStore, sequence: Int? = nil) {
        precondition(store.shards.count == shardCount, "a ShardedIngestor for \(shardCount) shards used on a store of \(store.shards.count)")
        defer {
            pending.removeAll(keepingCapacity: true)
            others.removeAll(keepingCapacity: true)
            used = 0
        }
        guard !pending.isEmpty || sequence != nil else { return }
        let now = store.clock.nowMs()
        var remaining = Array(0..<shardCount)
        if sequence == nil { remaining.removeAll { k in !pending.contains { $0.shard == k } } }
        while !remaining.isEmpty {
            // Whichever shards are free (and, in sequence, whose turn it is) first ...
            var progressed = false
            remaining.removeAll { k in
                let shard = store.shards[k]
                guard shard.tryLock() else { return false }
                defer { shard.unlock() }
                if let sequence, shard.nextSequence != sequence { return false }
                apply(shard: k, to: &shard.state, at: now)
                if sequence != nil { shard.advance() }
                progressed = true
                return true
            }
            // ... and when none is, wait for one.
            guard !progressed, let k = remaining.first else { continue }
            let shard = store.shards[k]
            shard.lock()
            if let sequence { shard.waitForTurn(sequence) }
            apply(shard: k, to: &shard.state, at: now)
            if sequence != nil { shard.advance() }
            shard.unlock()
            remaining.removeFirst()
        }
        store.yieldToReaders()
    }

    /// With shard `k`'s lock held: ingests the batch's messages for it into its `state`.
    private func apply(shard k: Int, to state: inout StoreState, at now: Int64) {
        for p in pending where p.shard == k {
            switch p.decoded {
            case .scored(let i): state.ingest(scored: slots[i], source: p.source, arrivalMs: now)
            case .other(let i): state.ingest(others[i], source: p.source, arrivalMs: now)
            case .undecodable(let error): state.record(undecodable: error, source: p.source, arrivalMs: now)
            }
        }
    }

    private mutating func shard(of pipeline: String) -> Int {
        guard shardCount > 1 else { return 0 }
        if pipeline != lastPipeline {
            lastPipeline = pipeline
            lastShard = ShardRouting.shard(of: pipeline, count: shardCount)
        }
        return lastShard
    }
}
