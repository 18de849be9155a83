import Testing
import PipeTopCore
@testable import PipeTopUI

/// Drift from summaries and a scored topic read in part, as the Drift and Tail screens say it.
@Suite struct SummariesScreenTests {
    /// Pipeline `sum`: version 5 with a shipped reference, its drift only from two scorers'
    /// histograms (shifted towards the top bin), and one report whose counts do not fit.
    static func snapshot() -> StoreSnapshot {
        var settings = EngineSettings()
        settings.drift.currentWindow = 2_000
        settings.drift.minMeaningful = 1_000
        var s = StoreState(settings: settings, basis: .eventTime)
        let reference = Reference(score: ReferenceHistogram(edges: [0.25, 0.5, 0.75], counts: [250, 250, 250, 250], n: 1_000))
        s.ingest(.model(ModelEvent(pipeline: "sum", tsMs: Fixtures.t0, model: "lr", version: 5, event: .promoted, reference: reference)),
                 source: "models", arrivalMs: 0)
        for t in Int64(1)...4 {
            for instance in ["a", "b"] {
                s.ingest(.metrics(MetricsEvent(
                    pipeline: "sum", tsMs: Fixtures.t0 + t * 1_000, instance: instance, recordsIn: UInt64(t) * 500, recordsOut: UInt64(t) * 500,
                    histograms: [VersionHistograms(model: "lr", version: 5, score: t == 4 && instance == "b" ? [1, 2] : [50, 75, 125, 250])])),
                    source: "metrics", arrivalMs: 0)
            }
        }
        s.settle(arrivalMs: 0)
        return s.snapshot(arrivalMs: 0)
    }

    static func frame(_ screen: Screen, coverage: ScoredCoverageMap) throws -> String {
        var view = try Fixtures.context(Self.snapshot())
        view.scoredCoverage = coverage
        var state = AppState()
        state.screen = screen
        state.pipeline = "sum"
        var buffer = Buffer(width: 140, height: 30)
        Dashboard.render(state, view, into: &buffer)
        return buffer.lines.joined(separator: "\n")
    }

    @Test func aVersionMeasuredFromSummariesIsMarkedSoWithAnApproximateKS() throws {
        let screen = try Self.frame(.drift, coverage: ScoredCoverageMap(contract: ScoredCoverage(read: .summaries, partitionsRead: 0, partitions: 24)))
        let lines = screen.split(separator: "\n")
        #expect(lines.contains { $0.contains("Drift of sum · summaries only (PSI warn") }, "\(screen)")
        #expect(lines.contains { $0.contains("1 summaries unused: lr v5 score: 2 counts for a reference of 4 bins") })
        let row = try #require(lines.first { $0.contains("lr v5") && $0.contains("score · from summaries") })
        // Shares 0.1, 0.15, 0.25, 0.5 against quarters: binned KS 0.25 (the exact one at most 0.5).
        #expect(row.contains("≈0.250"), "\(row)")
        #expect(row.contains("1000/2000"), "\(row)")
        #expect(lines.contains { $0.contains("lr v5 score from summaries: current − reference, bin by bin (PSI") && $0.contains("KS ≈0.250 (exact ≤ 0.500)") },
                "\(screen)")
    }

    @Test func theTailSaysHowMuchOfTheScoredTopicIsRead() throws {
        let sampled = ScoredCoverageMap(contract: ScoredCoverage(read: .sample(0.125), partitionsRead: 3, partitions: 24))
        #expect(try Self.frame(.tail, coverage: sampled).contains("Tail of sum · 0 scored · sampled: 3 of 24 partitions"))
        #expect(try Self.frame(.drift, coverage: sampled).contains("Drift of sum · sampled: 3 of 24 partitions (PSI warn"))
        #expect(try !Self.frame(.tail, coverage: ScoredCoverageMap()).contains("sampled"))
    }
}
