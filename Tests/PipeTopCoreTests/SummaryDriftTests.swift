import Foundation
import Testing
@testable import PipeTopCore

/// Drift from summaries (`metrics.histograms`): the same records, read one by one or counted
/// per bin by their scorers, give the same PSI and JS; KS from the binned CDFs stays within
/// the documented bound of the exact one.
@Suite struct SummaryDriftTests {
    static let edgesScore = [0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9]
    static let edgesAmount = [20.0, 40, 60, 80]

    static func settings(window: Int) -> EngineSettings {
        var s = EngineSettings()
        s.drift.currentWindow = window
        s.drift.minMeaningful = 1_000
        return s
    }

    /// A version with a shipped reference of the score and of `amount`, drawn from the
    /// distribution the records start from.
    static func model(_ pipeline: String, rng: inout SeededGenerator) -> Event {
        let reference = (0..<3_000).map { _ in record(shift: 0, rng: &rng) }
        func histogram(_ values: [Double], _ edges: [Double]) -> ReferenceHistogram {
            var counts = [Double](repeating: 0, count: edges.count + 1)
            for x in values { counts[DriftMath.bin(of: x, edges: edges)] += 1 }
            return ReferenceHistogram(edges: edges, counts: counts, n: values.count)
        }
        let shipped = Reference(score: histogram(reference.map(\.score), edgesScore),
                                features: ["amount": histogram(reference.map(\.amount), edgesAmount)])
        return .model(ModelEvent(pipeline: pipeline, tsMs: 0, model: "lr", version: 3, event: .promoted, reference: shipped))
    }

    static func record(shift: Double, rng: inout SeededGenerator) -> (score: Double, amount: Double) {
        let score = min(1, max(0, rng.normal(mean: 0.45 + shift, sd: 0.2)))
        return (score, rng.normal(mean: 50 + 40 * shift, sd: 20))
    }

    /// The per-bin counts of `records`, as a scorer would report them.
    static func histograms(_ records: ArraySlice<(score: Double, amount: Double)>) -> VersionHistograms {
        var score = [UInt64](repeating: 0, count: edgesScore.count + 1)
        var amount = [UInt64](repeating: 0, count: edgesAmount.count + 1)
        for r in records {
            score[DriftMath.bin(of: r.score, edges: edgesScore)] += 1
            amount[DriftMath.bin(of: r.amount, edges: edgesAmount)] += 1
        }
        return VersionHistograms(model: "lr", version: 3, score: score, features: [BinCounts(name: "amount", counts: amount)])
    }

    /// Feeds the same records to one store as scored records and to another as summaries, one
    /// report per `perReport` records, and returns both versions' drift. Drift is recomputed at
    /// most once a second of event time: in each store the last message alone opens a new
    /// second, so both snapshots show every value.
    static func bothWays(records count: Int, perReport: Int, window: Int, shift: Double)
        -> (records: VersionStats?, summaries: VersionStats?)
    {
        var read = StoreState(settings: settings(window: window), basis: .eventTime)
        var counted = StoreState(settings: settings(window: window), basis: .eventTime)
        var rng = SeededGenerator(seed: 17)
        let model = model("p", rng: &rng)
        read.ingest(model, source: "m", arrivalMs: 0)
        counted.ingest(model, source: "m", arrivalMs: 0)
        let records = (0..<count).map { _ in record(shift: shift, rng: &rng) }
        for (i, r) in records.enumerated() {
            var e = ScoredEvent(pipeline: "p", tsMs: i == count - 1 ? 2_000 : 1_000, key: "k\(i)", model: "lr", version: 3, score: r.score)
            e.features = [NamedValue(name: "amount", value: r.amount)]
            read.ingest(scored: e, source: "scored", arrivalMs: 0)
        }
        let starts = Array(stride(from: 0, to: count, by: perReport))
        for (k, start) in starts.enumerated() {
            let report = MetricsEvent(pipeline: "p", tsMs: k == starts.count - 1 ? 2_000 : 1_000 + Int64(k), instance: "scorer",
                                      histograms: [histograms(records[start..<min(count, start + perReport)])])
            counted.ingest(.metrics(report), source: "metrics", arrivalMs: 0)
        }
        let key = VersionKey(model: "lr", version: 3)
        return (read.snapshot(arrivalMs: 0).pipeline(named: "p")?.stats(for: key), counted.snapshot(arrivalMs: 0).pipeline(named: "p")?.stats(for: key))
    }

    @Test(arguments: [(count: 4_000, perReport: 500, window: 5_000), (count: 12_000, perReport: 1_000, window: 5_000),
                      (count: 9_000, perReport: 3_000, window: 3_000)])
    func psiAndJSFromSummariesEqualThoseFromTheSameRecords(count: Int, perReport: Int, window: Int) throws {
        for shift in [0.0, 0.15] {
            let (read, counted) = Self.bothWays(records: count, perReport: perReport, window: window, shift: shift)
            for (a, b) in zip([read?.scoreDrift] + (read?.featureDrift ?? []), [counted?.scoreDrift] + (counted?.featureDrift ?? [])) {
                let r = try #require(a?.report), c = try #require(b?.report)
                #expect(a?.source == .records && b?.source == .summaries)
                #expect(abs(r.psi - c.psi) <= 1e-9, "\(a?.name ?? ""): PSI \(r.psi) vs \(c.psi)")
                #expect(abs(r.js - c.js) <= 1e-9, "\(a?.name ?? ""): JS \(r.js) vs \(c.js)")
                #expect(r.currentCount == c.currentCount && r.currentCount == min(count, window))
                #expect(a?.currentShares == b?.currentShares)
                #expect(r.ks == nil && r.ksApproximate == false, "no sample shipped: records give no KS")
                #expect(c.ksApproximate && c.ks != nil && c.ksBound != nil)
            }
            #expect(counted?.featureDrift.map(\.name) == ["amount"])
            if shift > 0 { #expect((counted?.scoreDrift.report?.psi ?? 0) > 0.1, "the shift shows") }
        }
    }

    /// `binned ≤ exact ≤ binned + max_i min(pᵢ, qᵢ)`, over shifts, spreads, ties and bin counts.
    @Test func binnedKSStaysWithinItsBoundOfTheExactOne() throws {
        var rng = SeededGenerator(seed: 23)
        var widest = 0.0
        for trial in 0..<200 {
            let bins = [2, 3, 5, 10, 20, 50][trial % 6]
            let shift = Double(trial % 7) * 0.1, spread = 0.5 + Double(trial % 5) * 0.25
            let n = 200 + trial * 7, m = 100 + trial * 11
            // Every fifth trial on a grid of few values: ties at the edges (and −0 next to 0).
            let reference = (0..<n).map { _ in trial % 5 == 0 ? (rng.normal() * 2).rounded() : rng.normal() }
            let current = (0..<m).map { _ in trial % 5 == 0 ? (rng.normal(mean: shift, sd: spread) * 2).rounded() : rng.normal(mean: shift, sd: spread) }
            let exact = try DriftComparison.compare(reference: reference, current: current, bins: bins)
            let binned = try DriftComparison.compare(reference: reference, current: current, bins: bins, summaries: true)
            let ks = try #require(exact.ks), approximate = try #require(binned.ks), bound = try #require(binned.ksBound)
            #expect(binned.psi == exact.psi && binned.js == exact.js)
            #expect(approximate <= ks + 1e-12, "trial \(trial): binned \(approximate) above exact \(ks)")
            #expect(ks <= approximate + bound + 1e-12, "trial \(trial): exact \(ks) beyond binned \(approximate) + \(bound)")
            // The p-value of the smaller statistic is never below the exact one's.
            #expect((binned.ksPValue ?? 0) >= (exact.ksPValue ?? 1) - 1e-12)
            widest = max(widest, ks - approximate)
        }
        #expect(widest > 0, "the trials include cases where binning hides part of the gap")
    }

    @Test func binnedKSOfHandPickedShares() {
        // Cumulative 0.5/0.2 at the first edge, 0.8/0.6 at the second: D = 0.3.
        let (d, bound) = DriftMath.binnedKS(reference: [0.5, 0.3, 0.2], current: [0.2, 0.4, 0.4])
        #expect(abs(d - 0.3) < 1e-15)
        #expect(bound == 0.3, "max of min(pᵢ, qᵢ): 0.2, 0.3, 0.2")
        #expect(DriftMath.binnedKS(reference: [1, 0], current: [0, 1]) == (1, 0))
    }

    @Test func theWindowKeepsWholeReportsHoldingAtLeastItsCapacity() {
        var w = SummaryWindow(binCount: 2, capacity: 10)
        w.add([3, 1])
        w.add([0, 0])  // no values: nothing changes
        #expect(w.reportCount == 1 && w.total == 4)
        w.add([2, 2])
        w.add([1, 1])
        #expect(w.total == 10 && w.reportCount == 3)
        w.add([6, 0])  // the first report goes; the second stays, as the two after it hold 8 < 10
        #expect(w.total == 12 && w.reportCount == 3 && w.counts == [9, 3])
        w.add([4, 4])
        #expect(w.total == 14 && w.reportCount == 2 && w.counts == [10, 4])
        w.add([0, 20])  // alone above capacity: it is the whole window
        #expect(w.total == 20 && w.reportCount == 1 && w.shares == [0, 1])
    }

    @Test func beyondItsReportsTheWindowMergesTheOldestLosingNothing() {
        var w = SummaryWindow(binCount: 3, capacity: 1_000_000)
        #expect(w.slots == 64)
        for i in 0..<(w.slots * 3) { w.add([1, UInt64(i % 2), 0]) }
        #expect(w.reportCount == w.slots)
        #expect(w.total == UInt64(w.slots * 3 + w.slots * 3 / 2))
        #expect(w.counts == [UInt64(w.slots * 3), UInt64(w.slots * 3 / 2), 0])
        // A reference of many bins keeps fewer reports apart: a window's memory stays bounded.
        #expect(SummaryWindow(binCount: 1_000, capacity: 5_000).slots == 16)
        #expect(SummaryWindow(binCount: 1_000, capacity: 5_000).bytes < 140_000)
    }

    @Test func summariesNeedAShippedReferenceAndItsBins() throws {
        var learned = DistributionTracker(settings: DriftSettings())
        #expect(throws: SummaryRejection.noReference) { try learned.add(summary: [1, 2, 3]) }
        var shipped = try DistributionTracker(settings: DriftSettings(), reference: ReferenceHistogram(edges: [0.5], counts: [5, 5], n: 10))
        #expect(throws: SummaryRejection.bins(expected: 2, got: 3)) { try shipped.add(summary: [1, 2, 3]) }
        let before = shipped.report()
        #expect(shipped.source == .records && before == nil)
        try shipped.add(summary: [10, 30])
        #expect(shipped.source == .summaries && shipped.currentShares == [0.25, 0.75])
        let after = shipped.report()
        let report = try #require(after)
        #expect(report.currentCount == 40 && report.ksApproximate && report.ks == 0.25)
    }

    @Test func theStoreCountsWhatItCannotUseAndNeverCountsAReportTwice() throws {
        var s = StoreState(settings: Self.settings(window: 5_000), basis: .eventTime)
        var rng = SeededGenerator(seed: 5)
        s.ingest(Self.model("p", rng: &rng), source: "m", arrivalMs: 0)
        s.ingest(.model(ModelEvent(pipeline: "p", tsMs: 0, model: "lr", version: 4, event: .candidate)), source: "m", arrivalMs: 0)
        let good = VersionHistograms(model: "lr", version: 3, score: [UInt64](repeating: 100, count: 8),
                                     features: [BinCounts(name: "amount", counts: [1, 2, 3]), BinCounts(name: "age", counts: [1, 1])])
        let unshipped = VersionHistograms(model: "lr", version: 4, score: [1, 2])
        for t: Int64 in [1, 2, 2, 1] {  // the repeated and the older report are refused whole
            s.ingest(.metrics(MetricsEvent(pipeline: "p", tsMs: t * 1_000, instance: "a", histograms: [good, unshipped])), source: "metrics", arrivalMs: 0)
        }
        let p = try #require(s.snapshot(arrivalMs: 0).pipeline(named: "p"))
        let v3 = try #require(p.stats(for: VersionKey(model: "lr", version: 3)))
        #expect(v3.scoreDrift.report?.currentCount == 1_600)
        #expect(v3.scoreDrift.source == .summaries && v3.live)
        #expect(v3.featureDrift.map(\.name) == ["amount"], "amount does not fit its bins, age has no reference")
        #expect(p.stats(for: VersionKey(model: "lr", version: 4)) == nil, "a version without a reference gets no windows from summaries")
        #expect(p.summaryRejections == 6)
        #expect(p.lastSummaryRejection == "lr v4: no shipped reference to count over")
        #expect(p.outOfOrder == 2)
    }

    @Test func driftAlertsSayTheyComeFromSummaries() {
        var s = StoreState(settings: Self.settings(window: 2_000), basis: .eventTime)
        var rng = SeededGenerator(seed: 9)
        s.ingest(Self.model("p", rng: &rng), source: "m", arrivalMs: 0)
        let shifted = (0..<2_000).map { _ in Self.record(shift: 0.3, rng: &rng) }
        for k in 0..<4 {
            var h = Self.histograms(shifted[(k * 500)..<((k + 1) * 500)])
            h.features = []
            s.ingest(.metrics(MetricsEvent(pipeline: "p", tsMs: Int64(k + 1) * 1_000, instance: "a", histograms: [h])), source: "metrics", arrivalMs: 0)
        }
        let alert = s.snapshot(arrivalMs: 0).alerts.first { $0.kind == .drift }
        #expect(alert?.subject == "lr v3 score")
        #expect(alert?.message.contains("KS p ≈") == true && alert?.message.hasSuffix("(from summaries)") == true, "\(alert?.message ?? "")")
    }
}
