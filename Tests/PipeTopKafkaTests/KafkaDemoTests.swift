import Foundation
import PipeTopCore
import PipeTopKafka
import Synchronization
import Testing

/// `pipetop demo --kafka --headless` end to end: the built binary runs the demo pipeline over
/// the suite's broker, and the dashboard's own source reads the real topics into a store.
///
/// Each test uses topics of its own (named in a configuration file), so they never see each
/// other's messages. At `--speed 10` a minute of pipeline time (the first retrain) passes in
/// six seconds of wall time.
@Suite(.kafkaBroker, .serialized)
struct KafkaDemoTests {
    /// Starts the demo on `topics` (3 pipelines at 300 records/s, ten times faster than real time).
    static func startDemo(_ broker: TestBroker, _ topics: TopicNames, duration: String) throws -> PipetopProcess {
        let config = try PipetopProcess.config(ContractJSON.topicsTable(topics))
        return try PipetopProcess(
            ["demo", "--kafka", "--headless", "--brokers", broker.bootstrap, "--duration", duration, "--speed", "10", "--rate", "300"],
            config: config)
    }

    /// Waits until the demo has created its four topics (3 partitions each), then reads them
    /// with a `KafkaSource` into a store, as the dashboard does, but every topic from the
    /// beginning: with the dashboard's default (the last 1,000 records per partition of
    /// metrics and scored) what the store sees would depend on when the start offsets are
    /// resolved, and under a loaded `make test` the test broker answered that ListOffsets only
    /// after the demo had finished (the store then held the last 3,000 scored records).
    static func watch(_ broker: TestBroker, _ topics: TopicNames, _ demo: PipetopProcess) async throws -> (KafkaSource, PipelineStore) {
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        let admin = try KafkaAdmin(config: config)
        let names = Topic.allCases.map { topics.name(of: $0) }
        let created = await eventually(timeout: .seconds(20)) {
            let counts = (try? admin.partitionCounts()) ?? [:]
            return names.allSatisfy { counts[$0] == 3 }
        }
        try #require(created, "the demo did not create \(names): \(demo.stderr)")
        let store = PipelineStore(settings: EngineSettings(), basis: .eventTime)
        var options = KafkaSourceOptions()
        for topic in Topic.allCases { options.start[topic] = .beginning }
        let source = KafkaSource(config: config, topics: topics, options: options)
        try source.start(into: store)
        return (source, store)
    }

    @Test func headlessDemoFeedsTheStoreWithThroughputVersionsAndDrift() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("demo-e2e")
        let demo = try Self.startDemo(broker, topics, duration: "20s")
        let (source, store) = try await Self.watch(broker, topics, demo)
        defer { source.stop() }

        // Live, while the demo runs: the first retrain at 60 s of pipeline time publishes v2 as
        // a candidate beside v1 (later retrains supersede it with v3, v4).
        let candidates = await eventually(timeout: .seconds(60)) {
            let s = store.snapshot()
            return s.pipelines.count == 3 && s.pipelines.allSatisfy { p in
                p.models.contains { $0.primary == 1 && $0.candidates.contains { $0 >= 2 } }
            }
        }
        #expect(candidates, "models: \(store.snapshot().pipelines.map { ($0.name, $0.models.map { ($0.primary, $0.candidates) }) })")

        let status = await demo.wait(timeout: .seconds(90))
        #expect(status == 0, "\(demo.stderr)")
        let summary = demo.stderr
        #expect(summary.contains("versions published (0 failed)"), "\(summary)")
        #expect(summary.contains("messages delivered to kafka \(broker.bootstrap)"), "\(summary)")
        #expect(!summary.contains("failed:"), "\(summary)")

        // The rest once the source has read everything: under a parallel `make test` on two
        // cores it can run seconds behind the demo, and at --speed 10 a second of wall time is
        // ten of pipeline time, so the latest metrics can be ahead of the scored records they
        // are compared with. Caught up = nothing new for two seconds.
        var seen = source.statistics.messages
        var caughtUp = false
        for _ in 0..<60 where !caughtUp {
            try await Task.sleep(for: .seconds(2))
            let now = source.statistics.messages
            caughtUp = now == seen
            seen = now
        }
        #expect(caughtUp, "\(Self.describe(store, source))")

        // Throughput from the scorers' metrics and from the scored records: 300 records/s of
        // pipeline time per pipeline.
        let s = store.snapshot()
        #expect(Set(s.pipelines.map(\.name)) == ["fraud", "churn", "ctr"])
        #expect(s.pipelines.allSatisfy { $0.throughput.recordsIn.s10 > 150 && $0.throughput.scored.s10 > 150 }, "\(Self.describe(store, source))")

        // fraud's concept and one feature change abruptly at 30 s: its serving version drifts
        // critically, against the reference its model event carried.
        let fraud = try #require(s.pipeline(named: "fraud"))
        let model = try #require(fraud.models.first)
        let stats = fraud.stats(for: VersionKey(model: model.name, version: try #require(model.primary)))
        #expect((stats?.worstDrift?.report?.psi ?? 0) >= EngineSettings().drift.psiCritical, "\(Self.describe(store, source))")

        // Every version the demo published (v1 and one per retrain; how many retrains fit in
        // 20 s depends on how busy the machine is) reaches the store.
        let published = try #require(Self.count(before: " versions published", in: summary), "\(summary)")
        #expect(published >= 6, "v1 and at least the first retrain of each pipeline: \(summary)")
        let versions = s.pipelines.reduce(0) { $0 + $1.models.reduce(0) { $0 + $1.versions.count } }
        #expect(versions == published, "\(published) published; \(s.pipelines.map { ($0.name, $0.models.map { $0.versions.map(\.version) }) })")
    }

    /// What the store and the source hold, for a failure message.
    static func describe(_ store: PipelineStore, _ source: KafkaSource) -> String {
        let s = store.snapshot()
        let pipelines = s.pipelines.map { p in
            let drift = p.models.first.flatMap { m in m.primary.flatMap { p.stats(for: VersionKey(model: m.name, version: $0)) } }
            return "\(p.name): in \(p.throughput.recordsIn.s10)/s scored \(p.throughput.scored.s10)/s, "
                + "last metrics \(p.lastMetricsMs ?? 0), primary PSI \(drift?.worstDrift?.report?.psi ?? -1)"
        }
        let sources = s.sources.map { "\($0.name) \($0.messages) (\($0.malformed) malformed)" }
        return "latest event \(s.latestEventMs ?? 0), \(s.totalEvents) events, \(s.scoredTotal) scored; \(pipelines); "
            + "sources \(sources); kafka \(source.statistics)"
    }

    /// The number just before `marker` in `text` (`… 9 versions published …` → 9).
    static func count(before marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return Int(String(text[..<range.lowerBound].reversed().prefix { $0.isNumber }.reversed()))
    }

    @Test func promoteSentOnTheControlTopicIsAppliedAndAcknowledged() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("demo-promote")
        let demo = try Self.startDemo(broker, topics, duration: "40s")
        let (source, store) = try await Self.watch(broker, topics, demo)
        defer { source.stop() }

        // The newest candidate of fraud's model, beside the serving v1. At ten times real time a
        // retrain can supersede it (retire it) while the command is on its way, when the store
        // runs behind on a loaded machine: the pipeline then rightly answers "vN is retired",
        // and the test tries the newer candidate (at most three times).
        let sink = try #require(source.controlSink)
        var ack: Ack?
        var id = ""
        var model = "", to = 0
        for _ in 0..<3 {
            var target: (model: String, from: Int, to: Int)?
            _ = await eventually(timeout: .seconds(60)) {
                guard let m = store.snapshot().pipeline(named: "fraud")?.models.first,
                      let primary = m.primary, let candidate = m.candidates.max()
                else { return false }
                target = (m.name, primary, candidate)
                return true
            }
            let t = try #require(target, "no candidate: \(demo.stderr)")
            (model, to) = (t.model, t.to)
            // The source's control sink: the same cluster's control topic, idempotent producer.
            id = UUID().uuidString.lowercased()
            let command = ControlCommand(
                pipeline: "fraud", tsMs: SystemWallClock().nowMs(), id: id, action: .promote, model: t.model, version: t.to,
                fromVersion: t.from, requestedBy: "kafka-demo-test", reason: "end-to-end test")
            let report = Mutex<DeliveryReport?>(nil)
            sink.send(command, route: .controlTopic) { r in report.withLock { $0 = r } }
            #expect(await eventually(timeout: .seconds(30)) { report.withLock { $0 } == .delivered }, "\(String(describing: report.withLock { $0 }))")
            // The demo's controller answers on the control topic, and the store sees the swap.
            ack = nil
            let commandID = id
            _ = await eventually(timeout: .seconds(30)) {
                ack = store.snapshot().timeline.lazy.compactMap { entry -> Ack? in
                    if case .ack(let a) = entry.kind, a.id == commandID { return a }
                    return nil
                }.first
                return ack != nil
            }
            guard ack?.status == .rejected, ack?.detail?.hasSuffix("is retired") == true else { break }
        }
        #expect(ack?.status == .applied, "ack: \(String(describing: ack))")
        #expect(ack?.pipeline == "fraud")
        let promoted = await eventually(timeout: .seconds(30)) {
            store.snapshot().pipeline(named: "fraud")?.models.first { $0.name == model }?.primary == to
        }
        #expect(promoted, "fraud's primary is still \(String(describing: store.snapshot().pipeline(named: "fraud")?.models.first?.primary))")
        let event = store.snapshot().timeline.contains { entry in
            if case .model(let m) = entry.kind { return m.event == .promoted && m.version == to && m.cause == id }
            return false
        }
        #expect(event, "a promoted model event names the command as its cause")

        demo.terminate()
        #expect(await demo.wait(timeout: .seconds(30)) == 0, "\(demo.stderr)")
    }
}
