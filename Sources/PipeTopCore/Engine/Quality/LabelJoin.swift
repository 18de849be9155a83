/// A bounded table of recently scored records waiting for their label, joined by key hash.
///
/// A ring holds entries in arrival order; a dictionary maps each key hash to its newest entry,
/// and entries chain to the key's older ones, so the primary and the shadow record of one key
/// both wait. The ring starts small and doubles while records wait for labels, up to
/// `capacity` (a stream without labels, or a shard with few keys, costs kilobytes, not the
/// 10 MB of a full table); then the oldest entry goes first, as it does once it has aged
/// past `maxAgeMs` (event time). Nothing is allocated per record but those doublings.
///
/// Keep it in one place and mutate it there: a copy (say, in a snapshot) shares the ring until
/// the next `record`, which then duplicates megabytes. Snapshots take the counters, not the table.
///
/// Keys are compared by 64-bit FNV-1a hash only: at 100,000 waiting keys a collision has odds of
/// about 3·10⁻¹⁰, far below the label noise it would add.
public struct LabelJoin: Sendable {
    public typealias Entry = LabelJoinEntry

    /// The most entries that wait; the ring grows to it.
    public let capacity: Int
    public let maxAgeMs: Int64
    /// The ring as large as it has grown so far: `slots.count`, cached.
    private var ringSize: Int
    private var slots: [LabelJoinSlot]
    /// Key hash → ring index of its newest waiting entry. Invariant: every value points at a live
    /// entry of that key, so the dictionary never holds more keys than the ring holds entries and,
    /// reserved up front, never grows.
    private var newest: KeyHashIndex
    /// Sequence the next entry is written at; the ring index is `sequence % ringSize`.
    private var head: UInt64 = 0
    /// Sequence of the oldest slot still inside the ring (live or not).
    private var tail: UInt64 = 0
    /// Latest event time seen, from records and labels: the clock ages are measured against.
    private var watermarkMs: Int64 = .min

    /// Entries waiting for a label.
    public private(set) var waiting = 0
    public private(set) var joined = 0
    /// Pushed out because the ring was full.
    public private(set) var evicted = 0
    /// Dropped (or refused at join) for being older than `maxAgeMs`.
    public private(set) var expired = 0
    /// The same record (key, tracker, role) delivered again while still waiting.
    public private(set) var duplicates = 0

    public init(capacity: Int = StoreLimits().labelJoinKeys, maxAgeMs: Int64 = StoreLimits().labelJoinMaxAgeMs) {
        // Int32 indices; a larger table would not fit the memory budget anyway.
        self.capacity = min(max(1, capacity), Int(Int32.max))
        self.maxAgeMs = max(0, maxAgeMs)
        ringSize = min(self.capacity, Self.initialRing)
        slots = Array(repeating: .vacant, count: ringSize)
        newest = KeyHashIndex(minimumCapacity: ringSize)
    }

    /// Slots the ring starts with (about 100 kB with its dictionary).
    static let initialRing = 1_024

    /// 64-bit FNV-1a over the key's UTF-8 bytes.
    public static func hash(_ key: String) -> UInt64 {
        hash(key, continuing: 0xcbf2_9ce4_8422_2325)
    }

    /// FNV-1a over raw bytes, for decoders that hold the key as bytes.
    public static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        return h
    }

    static func hash(_ key: String, continuing seed: UInt64) -> UInt64 {
        let fast = key.utf8.withContiguousStorageIfAvailable { buffer -> UInt64 in
            var h = seed
            for b in buffer {
                h ^= UInt64(b)
                h &*= 0x100_0000_01b3
            }
            return h
        }
        if let h = fast { return h }
        var h = seed
        for b in key.utf8 {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        return h
    }

    /// Keeps a scored record until its label arrives. A record already waiting with the same
    /// key, tracker and role is a redelivery and is ignored, so it cannot count twice in quality.
    public mutating func record(_ entry: Entry) {
        advance(to: entry.tsMs)
        if head - tail == UInt64(ringSize) {
            if ringSize < capacity { grow() } else { dropTail(expiring: false) }
        }
        let index = Int(head % UInt64(ringSize))
        // One probe both links the key's older entry and makes this one its newest.
        let older = newest.set(entry.keyHash, Int32(index))
        let previous = older.map { slots[Int($0)].sequence } ?? LabelJoinSlot.empty
        if let older, isRedelivery(entry, startingAt: Int(older)) {
            newest.set(entry.keyHash, older)
            duplicates += 1
            return
        }
        slots[index] = LabelJoinSlot(entry: entry, sequence: head, previous: previous)
        head += 1
        waiting += 1
    }

    /// Whether a record with the same tracker and role already waits in the key's chain from `index`.
    private func isRedelivery(_ entry: Entry, startingAt index: Int) -> Bool {
        var index = index
        var sequence = slots[index].sequence
        while sequence != LabelJoinSlot.empty, slots[index].sequence == sequence,
            slots[index].entry.keyHash == entry.keyHash
        {
            let e = slots[index].entry
            if e.tracker == entry.tracker && e.role == entry.role { return true }
            sequence = slots[index].previous
            index = Int(sequence % UInt64(ringSize))
        }
        return false
    }

    /// Starts loading what recording an entry of `keyHash` will touch (its index bucket, and the
    /// bucket of the entry the ring pushes out next), so the store can do other work meanwhile:
    /// at 100,000 waiting keys these are cache misses, the largest cost of a scored record.
    public func prefetch(keyHash: UInt64) {
        newest.prefetch(keyHash)
        if head - tail == UInt64(capacity) {
            newest.prefetch(slots[Int(tail % UInt64(ringSize))].entry.keyHash)
        }
    }

    /// Calls `body` for each waiting entry of the key (newest first) and removes them: a label joins
    /// once. Entries older than `maxAgeMs` before the label are removed without a call.
    public mutating func join(keyHash: UInt64, labelTsMs: Int64, _ body: (Entry) -> Void) {
        advance(to: labelTsMs)
        guard let first = newest.remove(keyHash) else { return }
        // Age > maxAgeMs, written so hostile timestamps cannot overflow.
        let cutoff = labelTsMs > Int64.min + maxAgeMs ? labelTsMs - maxAgeMs : Int64.min
        var index = Int(first)
        var sequence = slots[index].sequence
        while sequence != LabelJoinSlot.empty, slots[index].sequence == sequence,
            slots[index].entry.keyHash == keyHash
        {
            let slot = slots[index]
            slots[index].sequence = LabelJoinSlot.empty
            waiting -= 1
            if slot.entry.tsMs < cutoff {
                expired += 1
            } else {
                joined += 1
                body(slot.entry)
            }
            sequence = slot.previous
            index = Int(sequence % UInt64(ringSize))
        }
    }

    /// The newest waiting entry of the key with that role, e.g. the primary a shadow record is
    /// compared with for agreement.
    public func firstEntry(keyHash: UInt64, role: Role) -> Entry? {
        var result: Entry?
        forEachWaiting(keyHash: keyHash) { e in
            if e.role == role { result = e }
            return result == nil
        }
        return result
    }

    /// Moves event time forward (e.g. on a quiet key space) so aged entries leave.
    public mutating func advance(to tsMs: Int64) {
        if tsMs > watermarkMs { watermarkMs = tsMs }
        let cutoff = watermarkMs > Int64.min + maxAgeMs ? watermarkMs - maxAgeMs : Int64.min
        while tail < head {
            let slot = slots[Int(tail % UInt64(ringSize))]
            if slot.sequence == tail, slot.entry.tsMs >= cutoff { break }
            dropTail(expiring: true)
        }
    }

    public var approximateBytes: Int {
        MemoryLayout<LabelJoin>.stride + ringSize * MemoryLayout<LabelJoinSlot>.stride + newest.approximateBytes
    }

    /// Doubles the ring (at most to `capacity`), every waiting entry moved to its sequence's
    /// place in the larger ring (they are fewer than the old size, so none collide) and the
    /// dictionary rebuilt for the new places. Links are sequences, so they stay as they are.
    private mutating func grow() {
        let size = min(capacity, ringSize * 2)
        var moved = Array(repeating: LabelJoinSlot.vacant, count: size)
        var sequence = tail
        while sequence < head {
            let slot = slots[Int(sequence % UInt64(ringSize))]
            if slot.sequence == sequence { moved[Int(sequence % UInt64(size))] = slot }
            sequence += 1
        }
        var index = KeyHashIndex(minimumCapacity: size)
        newest.forEach { key, at in index.set(key, Int32(slots[Int(at)].sequence % UInt64(size))) }
        slots = moved
        newest = index
        ringSize = size
    }

    /// Keys with a waiting entry (the dictionary's size), for tests and the health line.
    public var waitingKeys: Int { newest.count }

    /// The dictionary's reserved size; it grows with the ring, never past what a full one needs.
    var dictionaryCapacity: Int { newest.capacity }

    /// Walks the key's waiting entries, newest first, while `body` returns true.
    private func forEachWaiting(keyHash: UInt64, _ body: (Entry) -> Bool) {
        guard let first = newest[keyHash] else { return }
        var index = Int(first)
        var sequence = slots[index].sequence
        while sequence != LabelJoinSlot.empty, slots[index].sequence == sequence,
            slots[index].entry.keyHash == keyHash
        {
            guard body(slots[index].entry) else { return }
            sequence = slots[index].previous
            index = Int(sequence % UInt64(ringSize))
        }
    }

    /// Removes the oldest slot of the ring. It is the oldest entry of its key too, so the key's
    /// dictionary entry goes only when it pointed here (no newer entry of that key waits).
    private mutating func dropTail(expiring: Bool) {
        let index = Int(tail % UInt64(ringSize))
        if slots[index].sequence == tail {
            let key = slots[index].entry.keyHash
            slots[index].sequence = LabelJoinSlot.empty
            waiting -= 1
            if expiring { expired += 1 } else { evicted += 1 }
            newest.remove(key, onlyIf: Int32(index))
        }
        tail += 1
    }
}
