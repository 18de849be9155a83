/// The trainer's memory: a fixed-capacity ring of the most recent labelled records, split
/// deterministically into training and validation records.
public struct LabelledWindow: Sendable {
    /// One stored record with the event time its label arrived and its arrival number.
    private struct Entry: Sendable {
        var record: LabelledRecord
        var tsMs: Int64
        var sequence: Int
    }

    /// The most records kept; older ones are overwritten.
    public let capacity: Int
    /// Every `validationEvery`-th record (by arrival number) goes to validation.
    public let validationEvery: Int
    /// Records observed since creation, including those already overwritten.
    public private(set) var totalObserved = 0
    private var entries: [Entry] = []
    /// Slot the next record overwrites once the ring is full.
    private var head = 0

    /// A window of at most `capacity` records (at least 2); `validationEvery` is clamped to ≥ 2
    /// so both splits can be non-empty.
    public init(capacity: Int = 20_000, validationEvery: Int = 5) {
        self.capacity = max(2, capacity)
        self.validationEvery = max(2, validationEvery)
        entries.reserveCapacity(self.capacity)
    }

    /// Records currently held (≤ `capacity`).
    public var count: Int { entries.count }

    /// Event time of the latest label held, if any.
    public var latestTsMs: Int64? { entries.lazy.map(\.tsMs).max() }

    /// Keeps `record`, whose label arrived at `tsMs`, overwriting the oldest when full.
    public mutating func append(_ record: LabelledRecord, tsMs: Int64) {
        let entry = Entry(record: record, tsMs: tsMs, sequence: totalObserved)
        totalObserved += 1
        if entries.count < capacity {
            entries.append(entry)
        } else {
            entries[head] = entry
            head = (head + 1) % capacity
        }
    }

    /// Forgets every record (the arrival numbering carries on).
    public mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        head = 0
    }

    /// The held records, oldest first, split by arrival number: a record stays on the same
    /// side for as long as it is held, so consecutive versions validate on comparable data.
    public func snapshot() -> (train: [LabelledRecord], validation: [LabelledRecord]) {
        var train: [LabelledRecord] = []
        var validation: [LabelledRecord] = []
        train.reserveCapacity(entries.count)
        validation.reserveCapacity(entries.count / validationEvery + 1)
        for offset in 0..<entries.count {
            let entry = entries[(head + offset) % entries.count]
            if entry.sequence % validationEvery == validationEvery - 1 {
                validation.append(entry.record)
            } else {
                train.append(entry.record)
            }
        }
        return (train, validation)
    }
}
