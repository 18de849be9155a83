import Foundation
import PipeTopCore
import Synchronization
import Testing

@testable import PipeTopKafka

/// Configuration, assignment bookkeeping and status texts: no broker needed.
@Suite struct KafkaClientTests {
    @Test func dashboardDefaultsApplyUnlessOverridden() {
        let plain = KafkaClientConfig(brokers: "b:9092")
        #expect(plain.properties["fetch.wait.max.ms"] == "500")
        #expect(plain.properties["queued.max.messages.kbytes"] == "16384")
        #expect(plain.properties["client.id"] == "pipetop")
        #expect(plain.properties["queued.min.messages"] == "10000")
        #expect(plain.properties["fetch.queue.backoff.ms"] == "1")
        #expect(plain.properties["fetch.max.bytes"] == "4194304")
        // librdkafka wants fetch.max.bytes >= message.max.bytes: a larger message size raises it,
        // unless the fetch size is given too.
        #expect(KafkaClientConfig(brokers: "b", properties: ["message.max.bytes": "8000000"]).properties["fetch.max.bytes"] == "8000000")
        #expect(KafkaClientConfig(brokers: "b", properties: ["message.max.bytes": "8000000", "fetch.max.bytes": "9000000"])
            .properties["fetch.max.bytes"] == "9000000")

        var settings = KafkaSettings(clientID: "ops", fetchWaitMaxMs: 250)
        settings.properties = ["security.protocol": "SASL_SSL", "queued.max.messages.kbytes": "4096"]
        let tuned = KafkaClientConfig(brokers: "b:9092", settings: settings, overrides: ["fetch.wait.max.ms": "50"])
        #expect(tuned.properties["client.id"] == "ops")
        #expect(tuned.properties["fetch.wait.max.ms"] == "50")
        #expect(tuned.properties["queued.max.messages.kbytes"] == "4096")
        #expect(tuned.properties["security.protocol"] == "SASL_SSL")
    }

    @Test func effectiveConfigGivesBrokersAndProperties() throws {
        var config = PipeTopConfig()
        #expect(KafkaClientConfig(try EffectiveConfig(config: config, environment: [:])) == nil)
        config.kafka.brokers = "k1:9092,k2:9092"
        config.kafka.properties = ["sasl.password": "hunter2"]
        let effective = try EffectiveConfig(config: config, environment: [:])
        let client = try #require(KafkaClientConfig(effective))
        #expect(client.brokers == "k1:9092,k2:9092")
        #expect(client.properties["sasl.password"] == "hunter2")
        #expect(client.maskedProperties.first { $0.key == "sasl.password" }?.value == SecretMask.masked)
    }

    @Test func eachClientKindGetsOnlyItsOwnProperties() {
        let config = KafkaClientConfig(brokers: "b:1", properties: ["acks": "1", "linger.ms": "7"])
        let consumer = KafkaSource.properties(config)
        #expect(consumer["bootstrap.servers"] == "b:1")
        #expect(consumer["fetch.wait.max.ms"] == "500")
        #expect(consumer["enable.auto.commit"] == "false")
        #expect(consumer["auto.offset.reset"] == "earliest")
        #expect(consumer["acks"] == nil)
        #expect(consumer["group.id"]?.hasPrefix("pipetop-") == true)
        let producer = config.resolved(for: .producer, roleDefaults: KafkaProducerOptions.control.roleDefaults, forced: KafkaProducerOptions.control.forced)
        #expect(producer["fetch.wait.max.ms"] == nil)
        #expect(producer["queued.max.messages.kbytes"] == nil)
        #expect(producer["enable.idempotence"] == "true")
        #expect(producer["acks"] == "all")
        #expect(producer["linger.ms"] == "7")
        #expect(producer["message.timeout.ms"] == "10000")
    }

    /// Debian's librdkafka 2.0 has no `fetch.queue.backoff.ms`: a client still starts there.
    @Test func propertiesOlderLibrariesLackAreLeftOutNotFatal() throws {
        let log = KafkaLog()
        let client = try KafkaClient(kind: .consumer, properties: ["fetch.queue.backoff.ms": "1", "group.id": "x"], log: log)
        client.destroy()
        if KafkaLibrary.versionNumber < 0x0201_0000 {
            #expect(log.lines.contains { $0.message.contains("fetch.queue.backoff.ms") })
        }
    }

    @Test func aRefusedPropertyIsAnErrorWithItsSecretMasked() {
        let source = KafkaSource(config: KafkaClientConfig(brokers: "127.0.0.1:1", properties: ["bogus.secret": "hunter2"]))
        #expect(throws: KafkaError.self) { try source.start(into: PipelineStore()) }
        do {
            try source.start(into: PipelineStore())
        } catch let error as KafkaError {
            guard case .invalidProperty(let key, let value, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(key == "bogus.secret")
            #expect(value == SecretMask.masked)
            #expect(!error.description.contains("hunter2"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func assignmentStartsLateTopicsAtTheBeginningAndNeverShrinks() {
        var a = PartitionAssignment(wanted: [("m", .beginning), ("s", .lastPerPartition(10)), ("x", .end)])
        let first = a.additions(from: ["m": 1, "s": 2, "other": 5])
        #expect(first == [
            PartitionStart(topic: "m", partition: 0, start: .beginning),
            PartitionStart(topic: "s", partition: 0, start: .lastPerPartition(10)),
            PartitionStart(topic: "s", partition: 1, start: .lastPerPartition(10)),
        ])
        #expect(a.missingTopics == ["x"])
        #expect(a.additions(from: ["m": 1, "s": 2]).isEmpty)
        // A topic missing from a response (broker restarting) keeps its partitions.
        #expect(a.additions(from: [:]).isEmpty)
        #expect(a.partitionCount == 3)
        // A new partition and a new topic hold only new records.
        let later = a.additions(from: ["m": 1, "s": 3, "x": 1])
        #expect(later == [
            PartitionStart(topic: "s", partition: 2, start: .beginning),
            PartitionStart(topic: "x", partition: 0, start: .beginning),
        ])
        #expect(a.assigned.count == 5)
        #expect(a.assigned.first { $0.topic == "s" }?.start == .lastPerPartition(10))
    }

    @Test func partitionsWhoseAssignmentFailedAreHandedOutAgain() {
        var a = PartitionAssignment(wanted: [("m", .timestamp(1_764_000_000_000)), ("s", .end)])
        let first = a.additions(from: ["m": 2, "s": 1])
        #expect(first.count == 3)
        // Resolving m's timestamp timed out: its partitions are not read, and not counted as read.
        let failed = first.filter { $0.topic == "m" }
        a.assignmentFailed(failed)
        #expect(a.partitionCount == 1)
        #expect(a.assigned == [PartitionStart(topic: "s", partition: 0, start: .end)])
        // The next probe hands them out again, with their own start, beside a new partition.
        let retried = a.additions(from: ["m": 2, "s": 2])
        #expect(retried == failed + [PartitionStart(topic: "s", partition: 1, start: .beginning)])
        #expect(a.partitionCount == 4)
        #expect(a.additions(from: ["m": 2, "s": 2]).isEmpty)
        #expect(a.assigned.count == 4)
    }

    @Test func statusSaysWhenTheNextRetryIs() {
        let down = KafkaConnectionState.disconnected(reason: "all brokers down", retryAtMs: 10_000)
        #expect(down.status(nowMs: 7_500, missingTopics: []) == SourceStatus("disconnected, retry in 3s", .critical))
        #expect(down.status(nowMs: 10_000, missingTopics: []) == SourceStatus("disconnected, retrying", .critical))
        #expect(KafkaConnectionState.connected.status(nowMs: 0, missingTopics: []) == SourceStatus("connected"))
        #expect(KafkaConnectionState.connected.status(nowMs: 0, missingTopics: ["a", "b"]) == SourceStatus("connected, no topic a, b", .warning))
        #expect(KafkaConnectionState.connecting.status(nowMs: 0, missingTopics: []).health == .warning)
    }

    @Test func startPositionsMapToLibrdkafkaOffsets() {
        #expect(PartitionStart(topic: "t", partition: 0, start: .beginning).rawOffset == -2)
        #expect(PartitionStart(topic: "t", partition: 0, start: .end).rawOffset == -1)
        #expect(PartitionStart(topic: "t", partition: 0, start: .offset(42)).rawOffset == 42)
        #expect(PartitionStart(topic: "t", partition: 0, start: .lastPerPartition(10)).rawOffset == -2010)
        let defaults = KafkaSourceOptions()
        #expect(defaults.start(for: .models) == .beginning)
        #expect(defaults.start(for: .control) == .beginning)
        #expect(defaults.start(for: .scored) == .lastPerPartition(KafkaSourceOptions.defaultBacklog))
        #expect(KafkaSourceOptions(backlog: 0).start(for: .metrics) == .end)
    }

    /// Nothing listens: the command's delivery fails within the control producer's message
    /// timeout, reported once, and librdkafka's complaints land in the log file, not on stderr.
    @Test func undeliverableCommandIsReportedFailedAndLogged() async throws {
        let logPath = NSTemporaryDirectory() + "pipetop-kafka-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        let log = KafkaLog(filePath: logPath)
        var options = KafkaProducerOptions.control
        options.messageTimeout = .seconds(1)
        let producer = try KafkaProducer(config: KafkaClientConfig(brokers: "127.0.0.1:\(try TestBroker.freePort())"), options: options, log: log)
        let sink = KafkaControlSink(producer: producer)
        let reports = ReportBox()
        sink.send(ControlCommand(pipeline: "p", tsMs: 0, id: "c-9", action: .rollback, model: "lr", version: 1, requestedBy: "t"), route: .controlTopic) {
            reports.add($0)
        }
        #expect(await eventually(timeout: .seconds(10)) { !reports.all.isEmpty })
        try await Task.sleep(for: .milliseconds(200))
        #expect(reports.all.count == 1)
        guard case .failed(let why) = reports.all.first else {
            Issue.record("expected a failed delivery, got \(reports.all)")
            return
        }
        #expect(why.lowercased().contains("timed out"))
        #expect(producer.statistics.failed == 1)
        #expect(!log.lines.isEmpty)
        let written = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(written.contains("127.0.0.1"))
    }
}

/// A producer that goes away with a command still undelivered calls its handler, once.
@Test func droppingTheProducerReportsWhatItStillHeld() async throws {
    let reports = ReportBox()
    do {
        let producer = try KafkaProducer(config: KafkaClientConfig(brokers: "127.0.0.1:\(try TestBroker.freePort())"), options: .control)
        KafkaControlSink(producer: producer).send(
            ControlCommand(pipeline: "p", tsMs: 0, id: "c-10", action: .promote, model: "lr", version: 2, requestedBy: "t"), route: .controlTopic
        ) { reports.add($0) }
        #expect(reports.all.isEmpty)
    }
    #expect(reports.all.count == 1)
    if case .failed = reports.all.first {} else { Issue.record("expected a failure, got \(reports.all)") }
}
