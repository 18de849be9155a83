import Foundation
import Testing
@testable import PipeTopCore

private func settings(bins: Int = 10, reference: Int = 2_000, current: Int = 500) -> DriftSettings {
    var s = DriftSettings()
    s.bins = bins
    s.referenceWindow = reference
    s.currentWindow = current
    return s
}

@Test func learnedReferenceReportsNothingUntilComplete() {
    var tracker = DistributionTracker(settings: settings(reference: 100))
    var rng = SeededGenerator(seed: 1)
    for _ in 0..<99 { tracker.add(rng.normal()) }
    #expect(tracker.isReferenceComplete == false)
    #expect(tracker.referenceCollected == 99 && tracker.referenceNeeded == 100)
    #expect(tracker.edges.isEmpty)
    let early = tracker.report()
    #expect(early == nil)
    tracker.add(rng.normal())
    #expect(tracker.isReferenceComplete)
    #expect(tracker.edges.count == 9)
    let empty = tracker.report()
    #expect(empty == nil, "the values that built the reference are not the current window")
    #expect(tracker.currentCount == 0)
    tracker.add(0)
    let one = tracker.report()
    #expect(one?.currentCount == 1)
}

@Test func learnedReferenceMatchesBatchComparison() throws {
    var tracker = DistributionTracker(settings: settings())
    var rng = SeededGenerator(seed: 2)
    let reference = (0..<2_000).map { _ in rng.normal() }
    let current = (0..<500).map { _ in rng.normal(mean: 0.4) }
    reference.forEach { tracker.add($0) }
    current.forEach { tracker.add($0) }
    let streamedOptional = tracker.report()
    let streamed = try #require(streamedOptional)
    let batch = try DriftComparison.compare(reference: reference, current: current, bins: 10, settings: settings())
    #expect(streamed == batch)
    #expect(tracker.edges == DriftMath.quantileEdges(sorted: reference.sorted(), bins: 10))
}

@Test func histogramReferenceMatchesLearnedReference() throws {
    var rng = SeededGenerator(seed: 3)
    let reference = (0..<2_000).map { _ in rng.normal() }
    let current = (0..<500).map { _ in rng.normal(sd: 1.3) }
    let edges = DriftMath.quantileEdges(sorted: reference.sorted(), bins: 10)
    var counts = [Double](repeating: 0, count: 10)
    for x in reference { counts[DriftMath.bin(of: x, edges: edges)] += 1 }

    var learned = DistributionTracker(settings: settings())
    var shipped = try DistributionTracker(
        settings: settings(), reference: ReferenceHistogram(edges: edges, counts: counts, n: 2_000, sample: reference))
    var noSample = try DistributionTracker(
        settings: settings(), reference: ReferenceHistogram(edges: edges, counts: counts, n: 2_000))
    reference.forEach { learned.add($0) }
    for x in current {
        learned.add(x)
        shipped.add(x)
        noSample.add(x)
    }
    let aOptional = learned.report()
    let a = try #require(aOptional)
    let bOptional = shipped.report()
    let b = try #require(bOptional)
    let cOptional = noSample.report()
    let c = try #require(cOptional)
    #expect(a == b)
    #expect(shipped.referenceShares == learned.referenceShares)
    #expect(c.ks == nil && c.ksPValue == nil, "KS needs the reference sample")
    #expect(c.psi == a.psi && c.js == a.js)
}

@Test func slidingWindowCountsMatchRecomputingFromScratch() throws {
    let s = settings(reference: 1_000, current: 300)
    var tracker = DistributionTracker(settings: s)
    var rng = SeededGenerator(seed: 4)
    let reference = (0..<1_000).map { _ in rng.normal() }
    reference.forEach { tracker.add($0) }
    var all = [Double]()
    for i in 0..<10_000 {
        // The mean wanders so that evicted and added values fall in different bins.
        let x = rng.normal(mean: sin(Double(i) / 500) * 2)
        tracker.add(x)
        all.append(x)
        if i % 997 == 0 || i == 9_999 {
            let window = Array(all.suffix(300))
            #expect(tracker.currentShares == DriftComparison.shares(of: window, edges: tracker.edges))
            let batch = try DriftComparison.compare(reference: reference, current: window, bins: 10, settings: s)
            let streamed = tracker.report()
            #expect(streamed == batch)
        }
    }
    #expect(tracker.currentCount == 300)
}

@Test func nonFiniteValuesAreIgnoredAndCounted() {
    var tracker = DistributionTracker(settings: settings(reference: 10, current: 5))
    for x in [1.0, .nan, 2, .infinity, 3, 4, 5, 6, 7, 8, 9, 10] { tracker.add(x) }
    #expect(tracker.isReferenceComplete)
    #expect(tracker.ignoredNonFinite == 2)
    tracker.add(-.infinity)
    tracker.add(.nan)
    #expect(tracker.currentCount == 0)
    #expect(tracker.ignoredNonFinite == 4)
    tracker.add(5)
    #expect(tracker.currentCount == 1)
}

@Test func reportIsCachedUntilAValueArrives() throws {
    var tracker = DistributionTracker(settings: settings(reference: 50, current: 20))
    var rng = SeededGenerator(seed: 5)
    for _ in 0..<60 { tracker.add(rng.normal()) }
    let firstOptional = tracker.report()
    let first = try #require(firstOptional)
    #expect(tracker.computations == 1)
    let again = tracker.report()
    #expect(again == first)
    #expect(tracker.computations == 1)
    tracker.add(.nan)
    _ = tracker.report()
    #expect(tracker.computations == 1, "an ignored value does not invalidate the cache")
    tracker.add(3)
    let secondOptional = tracker.report()
    let second = try #require(secondOptional)
    #expect(tracker.computations == 2)
    #expect(second.currentCount == 11)
}

@Test func invalidHistogramsAreRejected() {
    let s = settings()
    #expect(throws: DriftError.self) {
        try DistributionTracker(settings: s, reference: ReferenceHistogram(edges: [], counts: [1], n: 1))
    }
    #expect(throws: DriftError.self) {
        try DistributionTracker(settings: s, reference: ReferenceHistogram(edges: [1, 2], counts: [1, 1], n: 2))
    }
    #expect(throws: DriftError.self) {
        try DistributionTracker(settings: s, reference: ReferenceHistogram(edges: [2, 1], counts: [1, 1, 1], n: 3))
    }
    #expect(throws: DriftError.self) {
        try DistributionTracker(settings: s, reference: ReferenceHistogram(edges: [1], counts: [0, 0], n: 0))
    }
    #expect(throws: DriftError.self) {
        try DistributionTracker(settings: s, reference: ReferenceHistogram(edges: [1], counts: [1, .nan], n: 1))
    }
    #expect(throws: DriftError.self) {
        try DistributionTracker(settings: s, reference: ReferenceHistogram(edges: [1], counts: [1, 1], n: 2, sample: [.nan]))
    }
}

@Test func memoryIsFixedAndDocumented() {
    var tracker = DistributionTracker(settings: DriftSettings())
    let before = tracker.approximateBytes
    // 8 bytes per reference value, 8 + 2 (value and its bin) per current-window value.
    #expect(before >= 8 * 5_000 + 10 * 5_000 && before < 8 * 5_000 + 10 * 5_000 + 1_024)
    var rng = SeededGenerator(seed: 6)
    for _ in 0..<20_000 { tracker.add(rng.normal()) }
    _ = tracker.report()
    #expect(tracker.approximateBytes == before)
}

@Test func settingsOutOfRangeAreClamped() {
    var s = DriftSettings()
    s.bins = 1
    s.referenceWindow = 0
    s.currentWindow = 0
    var tracker = DistributionTracker(settings: s)
    #expect(tracker.binCount == 2)
    tracker.add(1)
    tracker.add(2)
    let one = tracker.report()
    #expect(one?.currentCount == 1)
}
