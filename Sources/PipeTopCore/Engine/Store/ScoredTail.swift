/// The most recent scored records, for the Tail screen, in a fixed ring of reused records.
///
/// Each slot keeps its strings and feature storage between uses, so following a stream of a
/// million records a second allocates nothing once the ring has been round once. No screen
/// can show more than a few hundred records a second, so when a second of event time brings
/// more than `perSecond` records the tail keeps about one in k (k from the previous second's
/// count) and only counts the rest; the screen says so. The gaps between kept records are
/// drawn at random around k (seeded, so runs repeat): a fixed stride would alias with
/// interleaved sources (three pipelines in turn and k = 6 would show only the first).
/// A record from an earlier second than the newest seen counts toward the newest.
///
/// Whatever the records, the ring's memory is bounded: a kept record keeps its first
/// `featuresKept` features, and its key, strategy and text outcomes up to `textKept` bytes
/// (a slot's storage would otherwise stay as large as the largest record it ever held).
struct ScoredTail: Sendable {
    private var slots: [ScoredEvent]
    private var next = 0
    private(set) var count = 0
    /// Records seen in all, for the "N arrived" counters.
    private(set) var total: UInt64 = 0
    /// Records counted but not kept because their second had its fill.
    private(set) var skipped: UInt64 = 0
    let perSecond: Int
    private var second = Int64.min
    private var keptThisSecond = 0
    private var seenThisSecond = 0
    private var stride = 1
    /// Records still to pass over before the next one is kept.
    private var gap = 0
    private var random = SplitMix64(seed: 0x7A11)

    /// Features a kept record keeps (drift follows at most 32 per version; the screens show a
    /// few dozen).
    static let featuresKept = 256
    /// Bytes of text a kept record keeps per field, cut at a character.
    static let textKept = 1_024

    init(capacity: Int, perSecond: Int = 1_000) {
        slots = Array(repeating: ScoredEvent(), count: max(1, capacity))
        self.perSecond = max(1, perSecond)
    }

    var approximateBytes: Int { slots.count * (MemoryLayout<ScoredEvent>.stride + 64) }

    mutating func record(_ e: borrowing ScoredEvent) {
        total += 1
        let s = e.tsMs >= 0 ? e.tsMs / 1000 : (e.tsMs - 999) / 1000
        // Seconds only move forward: sources interleave slightly out of order (one pipeline's
        // batch, then the next from a little earlier), which must not restart the count.
        if s > second {
            second = s
            stride = max(1, (seenThisSecond + perSecond - 1) / perSecond)
            keptThisSecond = 0
            seenThisSecond = 0
            gap = 0
        }
        seenThisSecond += 1
        guard keptThisSecond < perSecond, gap == 0 else {
            gap = max(0, gap - 1)
            skipped += 1
            return
        }
        keptThisSecond += 1
        // 0 ... 2k-2 passed over: one kept in k on average.
        if stride > 1 { gap = Int(random.next() % UInt64(2 * stride - 1)) }
        slots[next].overwrite(with: e)
        next = (next + 1) % slots.count
        count = min(count + 1, slots.count)
    }

    var sampling: TailSampling { TailSampling(notShown: skipped, every: stride) }

    /// Up to `limit` records, newest first.
    func newest(_ limit: Int) -> [ScoredEvent] {
        let n = min(limit, count)
        var out: [ScoredEvent] = []
        out.reserveCapacity(n)
        var i = next
        for _ in 0..<n {
            i = (i - 1 + slots.count) % slots.count
            out.append(slots[i])
        }
        return out
    }
}

extension ScoredEvent {
    /// Takes every field of `e` within the tail's bounds (`ScoredTail.featuresKept`,
    /// `textKept`), reusing this record's feature storage.
    mutating func overwrite(with e: borrowing ScoredEvent) {
        if pipeline != e.pipeline { pipeline = e.pipeline }
        tsMs = e.tsMs
        contractVersion = e.contractVersion
        key = Self.kept(e.key)
        if model != e.model { model = e.model }
        version = e.version
        role = e.role
        score = e.score
        prediction = e.prediction.map(Self.kept)
        label = e.label.map(Self.kept)
        latencyUs = e.latencyUs
        features.removeAll(keepingCapacity: true)
        features.append(contentsOf: e.features.prefix(ScoredTail.featuresKept))
        strategy = e.strategy.map(Self.kept)
        origin = e.origin
    }

    private static func kept(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.count > ScoredTail.textKept else { return text }
        // Cut before a character's continuation bytes (10xxxxxx), not inside it.
        var end = utf8.index(utf8.startIndex, offsetBy: ScoredTail.textKept)
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    private static func kept(_ outcome: Outcome) -> Outcome {
        if case .text(let t) = outcome { .text(kept(t)) } else { outcome }
    }
}
