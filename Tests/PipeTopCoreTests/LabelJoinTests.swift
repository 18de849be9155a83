import Testing

@testable import PipeTopCore

private func entry(_ key: String, tracker: Int32, role: Role = .primary, at ts: Int64, score: Double = 0.5)
    -> LabelJoinEntry
{
    LabelJoinEntry(
        keyHash: LabelJoin.hash(key), tracker: tracker, role: role, score: score, prediction: .number(score), tsMs: ts)
}

private func joined(_ j: inout LabelJoin, _ key: String, at ts: Int64) -> [LabelJoinEntry] {
    var out: [LabelJoinEntry] = []
    j.join(keyHash: LabelJoin.hash(key), labelTsMs: ts) { out.append($0) }
    return out
}

@Test func hashIsFNV1a64() {
    // Reference vectors of the FNV-1a 64-bit function.
    #expect(LabelJoin.hash("") == 0xcbf2_9ce4_8422_2325)
    #expect(LabelJoin.hash("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(LabelJoin.hash("foobar") == 0x8594_4171_f739_67e8)
    let key = "order-42/ü"
    let viaBytes = Array(key.utf8).withUnsafeBufferPointer { LabelJoin.hash(bytes: $0) }
    #expect(viaBytes == LabelJoin.hash(key))
    #expect(LabelJoin.hash("k1") != LabelJoin.hash("k2"))
}

@Test func primaryAndShadowOfAKeyBothJoinOnce() {
    var j = LabelJoin(capacity: 16, maxAgeMs: 1_000)
    j.record(entry("k", tracker: 1, role: .primary, at: 10, score: 0.9))
    j.record(entry("other", tracker: 1, at: 11))
    j.record(entry("k", tracker: 2, role: .shadow, at: 12, score: 0.2))
    #expect(j.waiting == 3 && j.waitingKeys == 2)
    let got = joined(&j, "k", at: 20)
    #expect(got.map(\.tracker).sorted() == [1, 2])
    #expect(got.first { $0.role == .shadow }?.score == 0.2)
    #expect(joined(&j, "k", at: 21).isEmpty)
    #expect(j.waiting == 1 && j.waitingKeys == 1 && j.joined == 2)
    #expect(got.first { $0.role == .primary }?.isCorrect(for: .text("true")) == true)
    #expect(got.first { $0.role == .shadow }?.isCorrect(for: .text("true")) == false)
}

@Test func redeliveredRecordIsNotKeptTwice() {
    var j = LabelJoin(capacity: 16, maxAgeMs: 1_000)
    j.record(entry("k", tracker: 1, at: 10))
    j.record(entry("k", tracker: 1, at: 10))
    #expect(j.duplicates == 1)
    #expect(joined(&j, "k", at: 20).count == 1)
}

@Test func firstEntryFindsTheWaitingPrimary() {
    var j = LabelJoin(capacity: 16, maxAgeMs: 1_000)
    #expect(j.firstEntry(keyHash: LabelJoin.hash("k"), role: .primary) == nil)
    j.record(entry("k", tracker: 1, role: .primary, at: 10, score: 0.8))
    j.record(entry("k", tracker: 2, role: .shadow, at: 11, score: 0.3))
    let primary = j.firstEntry(keyHash: LabelJoin.hash("k"), role: .primary)
    let shadow = j.firstEntry(keyHash: LabelJoin.hash("k"), role: .shadow)
    #expect(primary?.tracker == 1)
    #expect(shadow?.tracker == 2)
    #expect(primary.map { shadow?.agrees(with: $0) } == false)
    #expect(j.waiting == 2)  // asking does not consume
}

@Test func entriesExpireByEventTimeAge() {
    var j = LabelJoin(capacity: 16, maxAgeMs: 1_000)
    j.record(entry("old", tracker: 1, at: 0))
    j.record(entry("new", tracker: 1, at: 2_000))
    #expect(j.expired == 1)
    #expect(joined(&j, "old", at: 2_000).isEmpty)
    #expect(joined(&j, "new", at: 2_500).count == 1)
    #expect(j.waitingKeys == 0)
}

@Test func anOldEntryBehindAYoungerOneIsRefusedAtJoin() {
    var j = LabelJoin(capacity: 16, maxAgeMs: 1_000)
    j.record(entry("young", tracker: 1, at: 1_000))
    j.record(entry("late", tracker: 1, at: 0))  // arrived late: not at the ring's tail
    #expect(joined(&j, "late", at: 1_500).isEmpty)
    #expect(j.expired == 1)
    #expect(joined(&j, "young", at: 1_500).count == 1)
}

@Test func capacityEvictionKeepsTheDictionaryBounded() {
    var j = LabelJoin(capacity: 100_000, maxAgeMs: 600_000)
    // It starts small: a stream without labels never pays for a full table.
    let empty = j.approximateBytes
    #expect(empty < 200_000, "\(empty) bytes")
    for i in 0..<150_000 { j.record(entry("key-\(i)", tracker: 1, at: Int64(i / 1_000))) }
    #expect(j.waiting == 100_000)
    #expect(j.waitingKeys == 100_000)
    #expect(j.evicted == 50_000)
    let reserved = j.dictionaryCapacity
    #expect(reserved <= 262_144)
    #expect(joined(&j, "key-0", at: 200).isEmpty)
    #expect(joined(&j, "key-49999", at: 200).isEmpty)
    #expect(joined(&j, "key-50000", at: 200).count == 1)
    #expect(joined(&j, "key-149999", at: 200).count == 1)
    let bytes = j.approximateBytes
    for i in 150_000..<250_000 { j.record(entry("key-\(i)", tracker: 1, at: 200)) }
    #expect(j.dictionaryCapacity == reserved)
    #expect(j.approximateBytes == bytes)
}

@Test func aGrowingRingKeepsEveryWaitingEntryAndItsChain() {
    // Records of 700 keys, each key's trackers interleaved with other keys' and some joined on
    // the way, across the ring's doublings from 1,024 to 4,000 slots.
    var j = LabelJoin(capacity: 4_000, maxAgeMs: 1_000_000)
    var expected: [String: [Int32]] = [:]
    for i in 0..<3_500 {
        let key = "k\(i % 700)"
        j.record(entry(key, tracker: Int32(i), at: Int64(i)))
        expected[key, default: []].insert(Int32(i), at: 0)
        if i % 97 == 0 {
            let victim = "k\((i / 97) % 700)"
            #expect(joined(&j, victim, at: Int64(i)).map(\.tracker) == expected[victim] ?? [], "\(victim) at \(i)")
            expected[victim] = nil
        }
    }
    #expect(j.waiting == expected.values.reduce(0) { $0 + $1.count })
    #expect(j.evicted == 0)
    for (key, trackers) in expected.sorted(by: { $0.key < $1.key }) {
        #expect(joined(&j, key, at: 4_000).map(\.tracker) == trackers, "\(key)")
    }
    #expect(j.waiting == 0 && j.waitingKeys == 0)
}

@Test func reusedSlotsNeverJoinAnotherKeysOrStaleEntries() {
    var j = LabelJoin(capacity: 4, maxAgeMs: 1_000_000)
    j.record(entry("a", tracker: 1, at: 0))
    j.record(entry("b", tracker: 1, at: 1))
    j.record(entry("a", tracker: 2, at: 2))
    j.record(entry("c", tracker: 1, at: 3))
    j.record(entry("d", tracker: 1, at: 4))  // evicts a/1
    j.record(entry("a", tracker: 3, at: 5))  // evicts b/1, reuses its slot
    #expect(j.evicted == 2)
    #expect(joined(&j, "a", at: 6).map(\.tracker) == [3, 2])
    #expect(joined(&j, "b", at: 6).isEmpty)
    for i in 0..<40 { j.record(entry(i % 3 == 0 ? "a" : "x\(i)", tracker: Int32(i), at: Int64(10 + i))) }
    #expect(j.waiting == 4)
    #expect(j.waitingKeys <= 4)
    // The last four records are i = 36…39; of those 36 and 39 are "a", newest first.
    #expect(joined(&j, "a", at: 100).map(\.tracker) == [39, 36])
}

@Test func extremeTimestampsNeitherTrapNorJoinStaleEntries() {
    var j = LabelJoin(capacity: 8, maxAgeMs: 1_000)
    j.record(entry("k", tracker: 1, at: .min))
    j.record(entry("k", tracker: 2, at: .min + 1))
    #expect(joined(&j, "k", at: .max).isEmpty)
    j.record(entry("k", tracker: 3, at: .max))
    #expect(joined(&j, "k", at: .min).map(\.tracker) == [3])
}

@Test func waitingRecordsStayCompact() {
    // 100,000 waiting records per table: every byte of a slot is 100 kB.
    #expect(MemoryLayout<LabelJoinEntry>.stride <= 40)
    #expect(MemoryLayout<LabelJoinSlot>.stride <= 56)
}
