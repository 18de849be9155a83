import PipeTopCore

/// The client's memory: schemas by id or GUID (at most `capacity`, the oldest dropped first)
/// and recent failures with when they may be retried. A value, kept behind the client's mutex.
struct SchemaRegistryCache: Sendable {
    let capacity: Int
    private var schemas: [ConfluentFrame.SchemaRef: RegisteredSchema] = [:]
    /// Insertion order, for eviction; `head` is the oldest still-live index.
    private var order: [ConfluentFrame.SchemaRef] = []
    private var head = 0
    private var failures: [ConfluentFrame.SchemaRef: (error: SchemaRegistryError, atMs: Int64)] = [:]

    /// How long a failure is remembered.
    let retryAfterMs: Int64

    init(capacity: Int, retryAfterMs: Int64) {
        self.capacity = max(1, capacity)
        self.retryAfterMs = retryAfterMs
    }

    var count: Int { schemas.count }

    enum Lookup {
        case hit(RegisteredSchema)
        /// Failed recently: the same error until the retry time.
        case failed(SchemaRegistryError)
        case miss
    }

    mutating func lookup(_ ref: ConfluentFrame.SchemaRef, nowMs: Int64) -> Lookup {
        if let schema = schemas[ref] { return .hit(schema) }
        if let failure = failures[ref] {
            // A clock set back counts as the interval over, not as a longer wait.
            if nowMs >= failure.atMs, nowMs - failure.atMs < retryAfterMs { return .failed(failure.error) }
            failures[ref] = nil
        }
        return .miss
    }

    mutating func store(_ schema: RegisteredSchema, for ref: ConfluentFrame.SchemaRef) {
        failures[ref] = nil
        guard schemas.updateValue(schema, forKey: ref) == nil else { return }
        order.append(ref)
        while schemas.count > capacity, head < order.count {
            schemas[order[head]] = nil
            head += 1
        }
        // Compact the order list once half of it is evicted entries.
        if head > 1_024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    mutating func fail(_ ref: ConfluentFrame.SchemaRef, _ error: SchemaRegistryError, nowMs: Int64) {
        // Bounded like the schemas: a stream of bad ids must not grow it without end.
        if failures.count >= capacity { failures.removeAll(keepingCapacity: true) }
        failures[ref] = (error, nowMs)
    }
}
