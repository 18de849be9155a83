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

    @Test func samplesBeyondItsBudgetPerSecondButCountsEverything() {
        var tail = ScoredTail(capacity: 100, perSecond: 10)
        for i in 0..<50 { tail.record(ScoredEvent(pipeline: "p", tsMs: Int64(i), key: "k\(i)")) }  // one second
        tail.record(ScoredEvent(pipeline: "p", tsMs: 1_500, key: "next"))
        #expect(tail.total == 51)
        #expect(tail.skipped == 40)
        #expect(tail.newest(1).first?.key == "next")
        #expect(tail.count == 11)
    }

    @Test func afterABusySecondItKeepsEveryKthSoInterleavedSourcesStayVisible() {
        var tail = ScoredTail(capacity: 100, perSecond: 10)
        for i in 0..<40 { tail.record(ScoredEvent(pipeline: i % 2 == 0 ? "a" : "b", tsMs: 0, key: "x\(i)")) }
        // The next second sees 40 again, three pipelines in turn: every 4th is kept, which
        // walks through all three (a, b, c, a…) instead of filling up with the first.
        let names = ["a", "b", "c"]
        for i in 0..<40 { tail.record(ScoredEvent(pipeline: names[i % 3], tsMs: 1_000, key: "y\(i)")) }
        let second = tail.newest(10)
        #expect(second.count == 10)
        #expect(second.allSatisfy { $0.key.hasPrefix("y") })
        #expect(Set(second.map(\.pipeline)) == ["a", "b", "c"])
    }
}
