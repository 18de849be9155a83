import PipeTopCore
import Testing
@testable import PipeTopDemo

/// `pipetop demo --summaries`: the scorers' metrics carry `histograms` that decode, count
/// exactly the records the scorers wrote, and give a store that reads no record the drift a
/// store reading every record measures.
@Suite struct DemoSummariesTests {
    struct Run {
        var records: PipelineSnapshot?
        var summaries: PipelineSnapshot?
        var metrics: [MetricsEvent] = []
        /// Per version and value (`score` or a feature), the written records counted per bin
        /// of the version's reference, and the same summed over every report's histograms.
        var recordCounts: [VersionKey: [String: [UInt64]]] = [:]
        var reportedCounts: [VersionKey: [String: [UInt64]]] = [:]
    }

    /// Runs one pipeline with summaries for `seconds` (its scorers report every second) into two
    /// stores: one reads the scored records (the metrics without their histograms), the other
    /// only the model and metrics messages.
    static func run(seconds: Int, window: Int) -> Run {
        var settings = demoSettings(pipelines: 1, rate: 400)
        settings.summaries = true
        settings.retrainIntervalMs = 20_000
        var engine = EngineSettings()
        engine.drift.currentWindow = window
        var pipeline = DemoPipeline(settings: settings, startMs: DemoHarness.startMs)
        var read = StoreState(settings: engine, basis: .eventTime)
        var counted = StoreState(settings: engine, basis: .eventTime)
        var decoder = EventDecoder()
        var run = Run()
        var references: [VersionKey: Reference] = [:]
        func add(_ counts: [UInt64], to table: inout [VersionKey: [String: [UInt64]]], _ key: VersionKey, _ name: String) {
            let old = table[key]?[name] ?? [UInt64](repeating: 0, count: counts.count)
            table[key, default: [:]][name] = zip(old, counts).map { $0 + $1 }
        }
        var batch = MessageBatch()
        pipeline.start(into: &batch)
        for s in 1...seconds {
            if s > 1 { pipeline.advance(toMs: DemoHarness.startMs + Int64(s) * 1_000, into: &batch) }
            batch.forEach { _, _, value in
                guard let event = try? decoder.decode(value) else {
                    Issue.record("undecodable: \(String(decoding: value, as: UTF8.self).prefix(200))")
                    return
                }
                switch event {
                case .scored(let e):
                    read.ingest(event, source: "scored", arrivalMs: 0)
                    let key = VersionKey(model: e.model, version: e.version)
                    guard let reference = references[key] else { return }
                    var one = [UInt64](repeating: 0, count: reference.score.edges.count + 1)
                    one[DriftMath.bin(of: e.score, edges: reference.score.edges)] = 1
                    add(one, to: &run.recordCounts, key, "score")
                    for f in e.features {
                        guard let edges = reference.features[f.name]?.edges else { continue }
                        var one = [UInt64](repeating: 0, count: edges.count + 1)
                        one[DriftMath.bin(of: f.value, edges: edges)] = 1
                        add(one, to: &run.recordCounts, key, f.name)
                    }
                case .label:
                    read.ingest(event, source: "scored", arrivalMs: 0)
                case .metrics(var m):
                    run.metrics.append(m)
                    for h in m.histograms {
                        let key = VersionKey(model: h.model, version: h.version)
                        if let score = h.score { add(score, to: &run.reportedCounts, key, "score") }
                        for f in h.features { add(f.counts, to: &run.reportedCounts, key, f.name) }
                    }
                    counted.ingest(event, source: "metrics", arrivalMs: 0)
                    m.histograms = []
                    read.ingest(.metrics(m), source: "metrics", arrivalMs: 0)
                case .model(let m):
                    if let r = m.reference { references[VersionKey(model: m.model, version: m.version)] = r }
                    read.ingest(event, source: "other", arrivalMs: 0)
                    counted.ingest(event, source: "other", arrivalMs: 0)
                default:
                    read.ingest(event, source: "other", arrivalMs: 0)
                    counted.ingest(event, source: "other", arrivalMs: 0)
                }
            }
            batch.removeAll()
        }
        run.records = read.snapshot(arrivalMs: 0).pipeline(named: "fraud")
        run.summaries = counted.snapshot(arrivalMs: 0).pipeline(named: "fraud")
        return run
    }

    @Test func theScorersHistogramsCountExactlyTheRecordsTheyWrote() throws {
        let run = Self.run(seconds: 35, window: 5_000)
        // Every report counts what its instance scored, for the primary and, once there is one,
        // the candidate scored as a shadow (its records carry no features, nor do its counts).
        #expect(run.metrics.count == 70 && run.metrics.allSatisfy { !$0.histograms.isEmpty })
        #expect(run.metrics.contains { $0.histograms.count == 2 && $0.histograms[1].features.isEmpty })
        #expect(Set(run.reportedCounts.keys.map(\.version)) == [1, 2])
        #expect(run.reportedCounts == run.recordCounts)
        #expect(run.reportedCounts[VersionKey(model: "fraud-lr", version: 1)]?["score"]?.reduce(0, +) == 14_000)
        let c = try #require(run.summaries)
        #expect(c.summaryRejections == 0, "\(c.lastSummaryRejection ?? "")")
        // The store that read no record measures both versions, the score and every feature.
        let live = try #require(run.records).versions.filter(\.live)
        #expect(live.map(\.key.version) == [1, 2] && c.versions.filter(\.live).map(\.key.version) == [1, 2])
        for v in live {
            let s = try #require(c.stats(for: v.key))
            #expect(v.scoredCount > 0 && s.scoredCount == 0, "the second store read no record")
            #expect(([s.scoreDrift] + s.featureDrift).map(\.name) == ([v.scoreDrift] + v.featureDrift).map(\.name))
            #expect(([s.scoreDrift] + s.featureDrift).allSatisfy { $0.source == .summaries && $0.report?.ksApproximate == true })
        }
    }

    /// The abrupt drift at 30 s shows from the summaries alone, as it does from the records.
    @Test func theDemosDriftShowsFromSummaries() throws {
        let run = Self.run(seconds: 50, window: 5_000)
        let key = VersionKey(model: "fraud-lr", version: 1)
        let fromRecords = try #require(run.records?.stats(for: key)?.worstDrift?.report)
        let fromSummaries = try #require(run.summaries?.stats(for: key)?.worstDrift?.report)
        #expect(fromSummaries.meaningful && fromSummaries.psi > 0.1, "\(fromSummaries.psi)")
        #expect(abs(fromSummaries.psi - fromRecords.psi) < 0.2 * fromRecords.psi, "\(fromSummaries.psi) vs \(fromRecords.psi)")
    }
}
