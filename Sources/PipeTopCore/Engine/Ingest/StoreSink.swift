/// What decoded events are ingested into: a store's state itself, or a `StoreWriter` that
/// routes each event to its pipeline's shard.
public protocol StoreSink {
    mutating func ingest(_ event: Event, source: String, arrivalMs: Int64)
    mutating func ingest(scored e: borrowing ScoredEvent, source: String, arrivalMs: Int64)
    /// A message that could not be decoded, counted against `source`.
    mutating func recordMalformed(source: String, error: String, arrivalMs: Int64)
    /// A well-formed message of a type this version does not know.
    mutating func recordUnknownType(source: String)
    /// Where a mapped pipeline's models message of `version` is (what re-publishing sends
    /// again); a sink that does not control pipelines (a recording) ignores it.
    mutating func noteOrigin(_ origin: MessageOrigin, pipeline: String, version: VersionKey, arrivalMs: Int64)
}

extension StoreSink {
    public mutating func noteOrigin(_ origin: MessageOrigin, pipeline: String, version: VersionKey, arrivalMs: Int64) {}

    /// Counts a message the decoder refused: a type this version does not know apart from a
    /// malformed one (whose error is kept as the source's last).
    mutating func record(undecodable error: DecodeError, source: String, arrivalMs: Int64) {
        if case .unknownType = error.kind {
            recordUnknownType(source: source)
        } else {
            recordMalformed(source: source, error: error.description, arrivalMs: arrivalMs)
        }
    }
}

extension StoreState: StoreSink {}
