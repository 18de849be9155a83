/// The memory of a drift tracker's current window: values, their bins and per-bin counts.
///
/// Raw buffers behind one object, because `DistributionTracker.add` runs several times per
/// scored record and every write into a Swift array pays a uniqueness check; the tracker
/// checks this object once per add instead and copies it only when it is shared.
final class SlidingWindowStorage: @unchecked Sendable {
    let capacity: Int
    let binCount: Int
    let values: UnsafeMutablePointer<Double>
    let bins: UnsafeMutablePointer<UInt16>
    let counts: UnsafeMutablePointer<Int>

    init(capacity: Int, binCount: Int) {
        self.capacity = capacity
        self.binCount = binCount
        values = .allocate(capacity: capacity)
        values.initialize(repeating: 0, count: capacity)
        bins = .allocate(capacity: capacity)
        bins.initialize(repeating: 0, count: capacity)
        counts = .allocate(capacity: binCount)
        counts.initialize(repeating: 0, count: binCount)
    }

    deinit {
        values.deallocate()
        bins.deallocate()
        counts.deallocate()
    }

    func copy() -> SlidingWindowStorage {
        let c = SlidingWindowStorage(capacity: capacity, binCount: binCount)
        c.values.update(from: values, count: capacity)
        c.bins.update(from: bins, count: capacity)
        c.counts.update(from: counts, count: binCount)
        return c
    }

    var bytes: Int { capacity * (8 + 2) + binCount * 8 }
}
