import Testing
@testable import PipeTopCore

@Suite struct ScoredTailTests {
    @Test func keepsTheNewestRecordsWithoutLeakingOldFields() {
        var tail = ScoredTail(capacity: 3)
        var e = ScoredEvent(pipeline: "p", tsMs: 0, key: "a", model: "m", version: 1, score: 0.1, label: .number(1),
                            features: [NamedValue(name: "x", value: 1), NamedValue(name: "y", value: 2)])
        tail.record(e)
        e.key = "b"
        e.label = nil
        e.features = [NamedValue(name: "z", value: 3)]
        for k in ["b", "c", "d"] {
            e.key = k
            tail.record(e)
        }
        let newest = tail.newest(10)
        #expect(newest.map(\.key) == ["d", "c", "b"])
        #expect(newest.allSatisfy { $0.label == nil && $0.features.map(\.name) == ["z"] })
        #expect(tail.total == 4)
    }

    /// A record of a million features and a 5 MB key is kept within bounds, text cut before
    /// a character, not inside it; small ones are kept whole.
    @Test func aHugeRecordIsKeptWithinBounds() {
        var tail = ScoredTail(capacity: 2)
        let features = (0..<1_000_000).map { NamedValue(name: String($0), value: Double($0)) }
        let key = String(repeating: "é", count: 2_500_000)  // 2 bytes each
        tail.record(ScoredEvent(pipeline: "p", tsMs: 0, key: "x" + key, model: "m", version: 1, score: 0.5, prediction: .text(key),
                                features: features, strategy: key))
        let kept = tail.newest(1)[0]
        #expect(kept.features.count == ScoredTail.featuresKept && kept.features.last?.name == "255")
        #expect(kept.key.utf8.count == ScoredTail.textKept - 1 && kept.key.hasPrefix("xé") && kept.key.hasSuffix("é"))
        #expect(kept.prediction == .text(String(repeating: "é", count: ScoredTail.textKept / 2)))
        #expect(kept.strategy?.utf8.count == ScoredTail.textKept)
        tail.record(ScoredEvent(pipeline: "p", tsMs: 0, key: "small", prediction: .number(1), features: [NamedValue(name: "a", value: 1)], strategy: "ab"))
        let small = tail.newest(1)[0]
        #expect(small.key == "small" && small.prediction == .number(1) && small.features.count == 1 && small.strategy == "ab")
    }

    @Test func samplesBeyondItsBudgetPerSecondButCountsEverything() {
        var tail = ScoredTail(capacity: 100, perSecond: 10)
        for i in 0..<50 { tail.record(ScoredEvent(pipeline: "p", tsMs: Int64(i), key: "k\(i)")) }  // one second
        tail.record(ScoredEvent(pipeline: "p", tsMs: 1_500, key: "next"))
        #expect(tail.total == 51)
        #expect(tail.skipped == 40)
        #expect(tail.newest(1).first?.key == "next")
        #expect(tail.count == 11)
    }

    @Test func afterABusySecondItKeepsAboutOneInKWithoutAliasingOnInterleavedSources() {
        // Three pipelines in turn at 6,000 a second and 1,000 a second to keep: k = 6, a
        // multiple of 3, so a fixed stride would keep only the first pipeline's records.
        var tail = ScoredTail(capacity: 20_000, perSecond: 1_000)
        let names = ["fraud", "churn", "ctr"]
        for second in 0..<10 {
            for i in 0..<6_000 {
                tail.record(ScoredEvent(pipeline: names[i % 3], tsMs: Int64(second * 1_000 + i / 6), key: "k\(i)"))
            }
        }
        #expect(tail.total == 60_000)
        #expect(UInt64(tail.count) + tail.skipped == tail.total, "every record is either kept or counted")
        #expect(tail.sampling == TailSampling(notShown: tail.skipped, every: 6))
        let sampled = tail.newest(tail.count).filter { $0.tsMs >= 1_000 }  // seconds 1-9 sample
        #expect((8_500...9_000).contains(sampled.count), "about one in 6 of 54,000, at most 1,000 a second")
        for name in names {
            let share = Double(sampled.filter { $0.pipeline == name }.count) / Double(sampled.count)
            #expect((0.30...0.37).contains(share), "\(name) keeps its third of the sample, not \(share)")
        }
    }

    @Test func recordsFromAnEarlierSecondCountTowardTheNewestSoInterleavedBatchesStillSample() {
        // Each pipeline sends its batch of a tick in turn, and ticks straddle seconds: the
        // second goes 0, 1, 0, 1… Counting restarted at each change would never sample.
        var tail = ScoredTail(capacity: 20_000, perSecond: 100)
        for tick in 0..<20 {
            for name in ["fraud", "churn", "ctr"] {
                for i in 0..<100 { tail.record(ScoredEvent(pipeline: name, tsMs: Int64(tick * 100 + 50 + i), key: "k\(i)")) }
            }
        }
        #expect(tail.total == 6_000)
        #expect(tail.sampling.every == 30, "3,000 records counted toward second 1: one in 30 kept in second 2")
        #expect(tail.count <= 100 + 100 + 100, "at most 100 for each of the three seconds")
    }
}
