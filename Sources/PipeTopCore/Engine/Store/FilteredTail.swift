import Synchronization

/// The Tail screen's records when it shows one pipeline or a filter: its own ring, fed on the
/// ingest path with the records that match, so the filter sees every record rather than the
/// sample the store's own tail keeps, and sampling (with its count) applies only to what
/// matched. Seeded with the matching records the store already had, so a new filter shows
/// its matches at once.
public final class FilteredTail: ScoredObserver {
    public let filter: RecordFilter?
    public let pipeline: String?
    private let ring: Mutex<ScoredTail>

    /// `seed`: records already seen, oldest first (only those that match are kept).
    public init(filter: RecordFilter?, pipeline: String?, limits: StoreLimits, seed: [ScoredEvent] = []) {
        self.filter = filter
        self.pipeline = pipeline
        var tail = ScoredTail(capacity: limits.tailRecords)
        for e in seed where Self.matches(e, filter: filter, pipeline: pipeline) { tail.record(e) }
        ring = Mutex(tail)
    }

    private static func matches(_ e: borrowing ScoredEvent, filter: RecordFilter?, pipeline: String?) -> Bool {
        if let pipeline, e.pipeline != pipeline { return false }
        return filter?.matches(e) ?? true
    }

    public func observe(_ e: borrowing ScoredEvent) {
        guard Self.matches(e, filter: filter, pipeline: pipeline) else { return }
        ring.withLock { $0.record(e) }
    }

    /// The records kept, newest first, and how the matching ones are sampled.
    public func newest() -> (records: [ScoredEvent], sampling: TailSampling) {
        ring.withLock { ($0.newest($0.count), $0.sampling) }
    }
}
