/// Labels the world has not revealed yet: each scored record that will learn its outcome
/// waits here until its delay has passed. A fixed ring (features stored flat), so memory is
/// bounded whatever the rate; when full, the oldest label is revealed early rather than lost.
struct PendingLabels: Sendable {
    struct Entry: Sendable {
        var dueMs: Int64
        var sequence: Int64
        var label: Bool
    }

    let capacity: Int
    let dimensions: Int
    private var entries: [Entry]
    private var features: [Double]
    private var head = 0
    private(set) var count = 0

    init(capacity: Int, dimensions: Int) {
        self.capacity = max(1, capacity)
        self.dimensions = dimensions
        entries = Array(repeating: Entry(dueMs: 0, sequence: 0, label: false), count: self.capacity)
        features = Array(repeating: 0, count: self.capacity * dimensions)
    }

    var isFull: Bool { count == capacity }

    /// Queues a label; the caller first reveals the oldest when `isFull`.
    mutating func push(dueMs: Int64, sequence: Int64, label: Bool, features values: [Double]) {
        precondition(!isFull, "reveal the oldest label before pushing onto a full queue")
        let slot = (head + count) % capacity
        entries[slot] = Entry(dueMs: dueMs, sequence: sequence, label: label)
        let base = slot * dimensions
        for f in 0..<dimensions { features[base + f] = f < values.count ? values[f] : 0 }
        count += 1
    }

    /// The oldest entry's due time.
    var nextDueMs: Int64? { count > 0 ? entries[head].dueMs : nil }

    /// Removes the oldest entry, copying its features into `into`.
    mutating func pop(features into: inout [Double]) -> Entry {
        precondition(count > 0)
        let entry = entries[head]
        if into.count != dimensions { into = Array(repeating: 0, count: dimensions) }
        let base = head * dimensions
        for f in 0..<dimensions { into[f] = features[base + f] }
        head = (head + 1) % capacity
        count -= 1
        return entry
    }
}
