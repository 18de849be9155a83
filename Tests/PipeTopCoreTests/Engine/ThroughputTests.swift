import Testing
@testable import PipeTopCore

@Suite struct ThroughputTests {
    @Test func deltaIsSpreadEvenlyOverTheReportInterval() {
        var h = RateHistory(capacitySeconds: 60)
        h.add(.recordsIn, amount: 500, fromMs: 10_000, toMs: 15_000)
        for s in Int64(10)..<15 { #expect(h.value(.recordsIn, at: s) == 100) }
        #expect(h.value(.recordsIn, at: 15) == 0)
        #expect(h.rate(.recordsIn, overSeconds: 5, endingBefore: 15) == 100)
        #expect(h.rate(.recordsIn, overSeconds: 10, endingBefore: 15) == 50)
    }

    @Test func partialSecondsGetTheirShare() {
        var h = RateHistory(capacitySeconds: 60)
        h.add(.errors, amount: 30, fromMs: 1_500, toMs: 3_000)
        #expect(h.value(.errors, at: 1) == 10)
        #expect(h.value(.errors, at: 2) == 20)
    }

    @Test func slotsOlderThanTheHistoryReadAsZero() {
        var h = RateHistory(capacitySeconds: 10)
        h.add(.scored, amount: 7, atMs: 1_000)
        h.add(.scored, amount: 3, atMs: 11_000)  // same slot, 10 s later
        #expect(h.value(.scored, at: 1) == 0)
        #expect(h.value(.scored, at: 11) == 3)
        h.add(.scored, amount: 5, atMs: 1_000)  // older than what the slot holds: dropped
        #expect(h.value(.scored, at: 11) == 3)
    }

    @Test func counterGoingDownIsARestartNotANegativeRate() {
        var c = InstanceCounters(first: MetricsEvent(pipeline: "p", tsMs: 1_000, instance: "i", recordsIn: 1_000))
        let d1 = c.advance(to: MetricsEvent(pipeline: "p", tsMs: 2_000, instance: "i", recordsIn: 1_500))
        #expect(d1?.recordsIn == 500)
        #expect(d1?.reset == false)
        let d2 = c.advance(to: MetricsEvent(pipeline: "p", tsMs: 3_000, instance: "i", recordsIn: 40))
        #expect(d2?.recordsIn == 40)
        #expect(d2?.reset == true)
        #expect(c.resets == 1)
    }

    @Test func duplicateAndOlderReportsAreNotCountedTwice() {
        var c = InstanceCounters(first: MetricsEvent(pipeline: "p", tsMs: 2_000, instance: "i", recordsIn: 100))
        #expect(c.advance(to: MetricsEvent(pipeline: "p", tsMs: 2_000, instance: "i", recordsIn: 100)) == nil)
        #expect(c.advance(to: MetricsEvent(pipeline: "p", tsMs: 1_000, instance: "i", recordsIn: 50)) == nil)
        #expect(c.recordsIn == 100)
    }
}
