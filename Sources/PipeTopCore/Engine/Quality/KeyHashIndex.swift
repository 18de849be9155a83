import CSupport

/// An open-addressing map from a 64-bit key hash to a ring index, sized once: the label join's index.
///
/// The keys are already FNV hashes, so the table only mixes them once more instead of
/// running SipHash as `Dictionary` would, and key and value share a 16-byte bucket so a
/// probe touches one cache line: the join does a few lookups per scored record, at random.
/// Linear probing with backward-shift deletion keeps it tombstone-free; the load stays at
/// most one half because the ring it indexes never holds more than `minimumCapacity` entries.
struct KeyHashIndex: Sendable {
    private struct Bucket: Sendable {
        var key: UInt64
        /// Ring index; -1 marks an empty bucket.
        var value: Int32
    }

    private var buckets: [Bucket]
    private let mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int) {
        var n = 16
        while n < 2 * max(1, minimumCapacity) { n <<= 1 }
        buckets = Array(repeating: Bucket(key: 0, value: -1), count: n)
        mask = n - 1
    }

    var capacity: Int { buckets.count }

    var approximateBytes: Int { buckets.count * MemoryLayout<Bucket>.stride }

    @inline(__always) private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }

    /// Starts loading the bucket `key` lives in, for a lookup a little later.
    func prefetch(_ key: UInt64) {
        let i = home(key)
        buckets.withUnsafeBufferPointer { if let base = $0.baseAddress { pt_prefetch(base + i) } }
    }

    /// Calls `body` with every key and its value, in no particular order.
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for bucket in buckets where bucket.value >= 0 { body(bucket.key, bucket.value) }
    }

    subscript(key: UInt64) -> Int32? {
        var i = home(key)
        while buckets[i].value >= 0 {
            if buckets[i].key == key { return buckets[i].value }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Sets the value of `key` and returns the one it replaced, in one probe.
    @discardableResult
    mutating func set(_ key: UInt64, _ value: Int32) -> Int32? {
        var i = home(key)
        while buckets[i].value >= 0 {
            if buckets[i].key == key {
                let old = buckets[i].value
                buckets[i].value = value
                return old
            }
            i = (i + 1) & mask
        }
        buckets[i] = Bucket(key: key, value: value)
        count += 1
        return nil
    }

    @discardableResult
    mutating func remove(_ key: UInt64) -> Int32? {
        remove(key, onlyIf: nil)
    }

    /// Removes `key` in one probe, but only while it maps to `expected` (when given).
    @discardableResult
    mutating func remove(_ key: UInt64, onlyIf expected: Int32?) -> Int32? {
        var i = home(key)
        while buckets[i].value >= 0 && buckets[i].key != key { i = (i + 1) & mask }
        guard buckets[i].value >= 0, expected == nil || buckets[i].value == expected else { return nil }
        let removed = buckets[i].value
        buckets[i].value = -1
        count -= 1
        // Shift later members of the probe run back so lookups never stop at the hole too early.
        var j = i
        while true {
            j = (j + 1) & mask
            guard buckets[j].value >= 0 else { break }
            let h = home(buckets[j].key)
            let stays = i <= j ? (i < h && h <= j) : (i < h || h <= j)
            if stays { continue }
            buckets[i] = buckets[j]
            buckets[j].value = -1
            i = j
        }
        return removed
    }
}
