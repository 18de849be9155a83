/// The live version trackers of all pipelines, in a fixed number of slots.
///
/// A token names a slot and the generation it was handed out in, so a token kept
/// elsewhere (a record waiting for its label) that outlives its tracker resolves to
/// nothing instead of to the slot's next occupant.
struct VersionSlots: Sendable {
    private(set) var trackers: [TrackerBox?]
    private var generations: [Int32]
    private var free: [Int]
    /// Drift windows held by all trackers together.
    private(set) var driftWindows = 0

    static let slotBits: Int32 = 12

    init(capacity: Int) {
        let n = min(max(1, capacity), 1 << Int(Self.slotBits))
        trackers = Array(repeating: nil, count: n)
        generations = Array(repeating: 0, count: n)
        free = Array((0..<n).reversed())
    }

    var isFull: Bool { free.isEmpty }
    var capacity: Int { trackers.count }

    var approximateBytes: Int {
        trackers.count * 16 + trackers.reduce(0) { $0 + ($1?.tracker.approximateBytes ?? 0) }
    }

    /// The slot of a live token, nil when the tracker it named is gone.
    func slot(_ token: Int32) -> Int? {
        let slot = Int(token & ((1 << Self.slotBits) - 1))
        guard slot < trackers.count, generations[slot] == token >> Self.slotBits, trackers[slot] != nil else { return nil }
        return slot
    }

    /// Places a tracker in a free slot; the caller makes room first when `isFull`.
    mutating func insert(_ tracker: VersionTracker) -> Int32? {
        guard let slot = free.popLast() else { return nil }
        trackers[slot] = TrackerBox(tracker)
        driftWindows += tracker.driftWindows
        return generations[slot] << Self.slotBits | Int32(slot)
    }

    /// Removes a tracker and returns it; its token stops resolving.
    mutating func release(_ token: Int32) -> VersionTracker? {
        guard let slot = slot(token), let tracker = trackers[slot]?.tracker else { return nil }
        trackers[slot] = nil
        generations[slot] = (generations[slot] + 1) & 0x7FFFF
        free.append(slot)
        driftWindows -= tracker.driftWindows
        return tracker
    }

    mutating func addedDriftWindows(_ n: Int) { driftWindows += n }

    /// The token of the tracker scored (or summarized) least recently, to make room.
    func leastRecentlyScored() -> Int32? {
        var best: (slot: Int, ms: Int64)?
        for (i, t) in trackers.enumerated() {
            if let t, t.tracker.lastActiveMs < best?.ms ?? Int64.max { best = (i, t.tracker.lastActiveMs) }
        }
        return best.map { generations[$0.slot] << Self.slotBits | Int32($0.slot) }
    }

    subscript(slot: Int) -> TrackerBox? { trackers[slot] }
}
