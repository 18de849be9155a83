import Testing
@testable import PipeTopCore

@Suite struct LatencyTests {
    @Test func bucketPercentilesInterpolateLikePrometheus() {
        var w = BucketLatencyWindow(windowSeconds: 60)
        // 100 observations: 50 ≤ 1000 µs, 40 in (1000, 2000], 10 in (2000, 4000].
        w.add(le: [1000, 2000, 4000], cumulativeIncrease: [50, 90, 100, 100], atMs: 5_000)
        let p = w.percentiles(endingAt: 5)
        #expect(p?.count == 100)
        #expect(p?.p50 == 1000)
        #expect(abs((p?.p90 ?? 0) - 2000) < 1e-9)
        #expect(abs((p?.p99 ?? 0) - 3800) < 1e-9)
    }

    @Test func instancesMergeAndRestartsCountFromZero() {
        let inc1 = BucketLatencyWindow.increase(from: [10, 20, 20], to: [15, 30, 30])
        #expect(inc1 == [5, 10, 10])
        let restarted = BucketLatencyWindow.increase(from: [10, 20, 20], to: [1, 2, 2])
        #expect(restarted == [1, 2, 2])
        var w = BucketLatencyWindow(windowSeconds: 60)
        w.add(le: [100, 200], cumulativeIncrease: inc1, atMs: 1_000)
        w.add(le: [100, 200], cumulativeIncrease: restarted, atMs: 1_500)
        #expect(w.percentiles(endingAt: 1)?.count == 12)
        w.add(le: [100, 300], cumulativeIncrease: [1, 1], atMs: 1_500)
        #expect(w.layoutMismatches == 1)
    }

    @Test func bucketWindowForgetsOldSeconds() {
        var w = BucketLatencyWindow(windowSeconds: 10)
        w.add(le: [100], cumulativeIncrease: [5, 5], atMs: 1_000)
        #expect(w.percentiles(endingAt: 5)?.count == 5)
        #expect(w.percentiles(endingAt: 20) == nil)
    }

    @Test func logHistogramIsWithinItsStatedError() {
        var h = LatencyHistogram(halfWindowMs: 30_000)
        for v in 1...10_000 { h.record(Double(v), atMs: 0) }
        let p = h.percentiles(atMs: 0)
        #expect(p?.count == 10_000)
        for (got, want) in [(p?.p50, 5_000.0), (p?.p90, 9_000.0), (p?.p99, 9_900.0), (p?.p999, 9_990.0)] {
            #expect(abs((got ?? 0) - want) / want < 0.0625, "got \(got ?? -1) want \(want)")
        }
    }

    @Test func logHistogramBucketsAreContiguous() {
        for i in 0..<(LatencyHistogram.bucketCount - 1) {
            let lower = LatencyHistogram.lowerBound(of: i), next = LatencyHistogram.lowerBound(of: i + 1)
            #expect(LatencyHistogram.index(of: lower) == i)
            #expect(LatencyHistogram.index(of: next - 0.5) == i)
        }
        #expect(LatencyHistogram.index(of: 1e30) == LatencyHistogram.bucketCount - 1)
    }

    @Test func logHistogramWindowSlides() {
        var h = LatencyHistogram(halfWindowMs: 10_000)
        h.record(100_000, atMs: 0)
        h.record(100, atMs: 12_000)
        #expect(h.percentiles(atMs: 12_000)?.count == 2)
        h.record(100, atMs: 25_000)
        // The first half (0–10 s) fell out of the window.
        #expect(h.percentiles(atMs: 25_000)?.count == 2)
        #expect((h.percentiles(atMs: 25_000)?.p999 ?? 0) < 200)
        #expect(h.percentiles(atMs: 60_000) == nil)
    }
}
