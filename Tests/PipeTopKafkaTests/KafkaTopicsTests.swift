import Foundation
import PipeTopCore
import Synchronization
import Testing

@testable import PipeTopKafka

/// The Topics data on a real broker: messages/s from two watermark samples against a producer
/// of known rate, retained records, and consumer groups found on the cluster with their lag,
/// through the probe and through `pipetop topics`.
///
/// Every producer here sends one record per batch: Tansu's ListOffsets counts batches (see
/// `KafkaTopicsSampler`), and one record per batch makes batches and records the same.
@Suite(.kafkaBroker, .serialized)
struct KafkaTopicsTests {
    /// Produces `rate` records a second to `topic` (spread over its partitions by key) until
    /// stopped; counts what the broker acknowledged.
    final class PacedProducer: Sendable {
        let delivered = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        private let running = Atomic<Bool>(true)
        private let done = DispatchSemaphore(value: 0)
        private let producer: KafkaProducer

        init(broker: String, topic: String, rate: Double) throws {
            producer = try KafkaProducer(
                config: KafkaClientConfig(brokers: broker, properties: ["batch.num.messages": "1"]),
                options: KafkaProducerOptions(lingerMs: 0))
            let thread = Thread { [self] in
                let clock = ContinuousClock()
                let start = clock.now
                var sent = 0
                while running.load(ordering: .acquiring) {
                    let elapsed = clock.now - start
                    let due = Int(Double(elapsed.components.seconds) * rate + Double(elapsed.components.attoseconds) / 1e18 * rate)
                    while sent < due {
                        try? producer.produce(topic: topic, key: "k\(sent)", value: Array("record \(sent)".utf8)) { [self] report in
                            if report == .delivered { delivered.add(1, ordering: .relaxed) } else { failed.add(1, ordering: .relaxed) }
                        }
                        sent += 1
                    }
                    Thread.sleep(forTimeInterval: 0.002)
                }
                try? producer.flush(timeout: .seconds(10))
                done.signal()
            }
            thread.start()
        }

        /// Stops producing and waits until every record sent was acknowledged (or failed).
        func stop() {
            running.store(false, ordering: .releasing)
            done.wait()
        }
    }

    static func json(_ text: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return try #require(object?["topics"] as? [[String: Any]], "\(text)")
    }

    @Test func messagesPerSecondMatchAProducerOfKnownRateAndRetainedWhatItProduced() async throws {
        let broker = try TestBroker.shared()
        let topic = "topics.rate"
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics([topic], partitions: 3)
        let rate = 200.0
        let producer = try PacedProducer(broker: broker.bootstrap, topic: topic, rate: rate)
        var stopped = false
        defer { if !stopped { producer.stop() } }
        try await Task.sleep(for: .seconds(1))

        // The dashboard's probe: two samples 2 s apart.
        let probe = KafkaTopicsProbe(config: config, interval: .seconds(2))
        defer { probe.stop() }
        _ = probe.latest()
        let measured = await eventually(timeout: .seconds(15)) {
            probe.latest()?.topics.first { $0.name == topic }?.messagesPerSecond != nil
        }
        let probeRate = try #require(probe.latest()?.topics.first { $0.name == topic }?.messagesPerSecond, "measured: \(measured)")

        // The command, while the producer still runs.
        let cli = try Pipetop.run(["topics", "--json", "--interval", "2s", "--brokers", broker.bootstrap])
        #expect(cli.status == 0, "\(cli.stderr)")
        let row = try #require(try Self.json(cli.stdout).first { $0["name"] as? String == topic })
        let cliRate = try #require(row["messages_per_sec"] as? Double, "\(row)")

        producer.stop()
        stopped = true
        print("topics rate: produced \(rate)/s; probe measured \(probeRate)/s, pipetop topics \(cliRate)/s")
        #expect(abs(probeRate - rate) <= rate * 0.1, "probe: \(probeRate) msg/s for \(rate)")
        #expect(abs(cliRate - rate) <= rate * 0.1, "pipetop topics: \(cliRate) msg/s for \(rate)")
        #expect(row["partitions"] as? Int == 3)
        #expect(row["internal"] as? Bool == false)
        #expect(row["partitions_without_leader"] as? Int == 0 && row["partitions_under_replicated"] as? Int == 0, "\(row)")

        // Retained: every record the broker acknowledged, none other.
        #expect(producer.failed.load(ordering: .relaxed) == 0)
        let produced = producer.delivered.load(ordering: .relaxed)
        let after = TopicsSnapshot(previous: nil, current: try KafkaTopicsSampler(config: config).sample())
        #expect(after.topics.first { $0.name == topic }?.retained == Int64(produced), "produced \(produced)")
    }

    @Test func aGroupThatCommittedAtKOfNShowsLagNMinusK() async throws {
        let broker = try TestBroker.shared()
        let topic = "topics.lag"
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics([topic, "_topics.internal"], partitions: 1,
                                                     settings: ["retention.ms": "604800000", "cleanup.policy": "compact"])
        let n = 30, k: Int64 = 12
        let records = (0..<n).map { "r\($0)" }.joined(separator: "\n") + "\n"
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: topic, input: Data(records.utf8), arguments: ["-p", "0"]).status == 0)
        // A consumer that read K records, committed and stopped; a group nobody configured.
        try KafkaLagTests.commit(group: "topics-scorers", [(topic, k)], broker: broker.bootstrap)

        let snapshot = TopicsSnapshot(previous: nil, current: try KafkaTopicsSampler(config: config).sample())
        let stats = try #require(snapshot.topics.first { $0.name == topic })
        #expect(stats.groups == [TopicGroupLag(group: "topics-scorers", lag: Int64(n) - k, partitions: [
            PartitionLag(partition: 0, committed: k, lag: Int64(n) - k),
        ])], "\(String(describing: snapshot.error))")
        #expect(stats.retained == Int64(n))

        let json = try Pipetop.run(["topics", "--json", "--interval", "200ms", "--brokers", broker.bootstrap])
        #expect(json.status == 0, "\(json.stderr)")
        let topics = try Self.json(json.stdout)
        let row = try #require(topics.first { $0["name"] as? String == topic })
        let groups = row["groups"] as? [[String: Any]]
        #expect(groups?.count == 1)
        #expect(groups?.first?["group"] as? String == "topics-scorers")
        #expect(groups?.first?["lag"] as? Int == n - Int(k))
        #expect(!topics.contains { $0["name"] as? String == "_topics.internal" }, "internal topics hidden without --internal")

        let table = try Pipetop.run(["topics", "--internal", "--interval", "200ms", "--brokers", broker.bootstrap])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("TOPIC") == true && lines.first?.contains("GROUPS") == true, "\(table.stdout)")
        let line = try #require(lines.first { $0.hasPrefix(topic + " ") }, "\(table.stdout)")
        #expect(line.contains("topics-scorers (lag 18)"), "\(line)")
        #expect(lines.contains { $0.hasPrefix("_topics.internal ") }, "--internal shows them")

        // Described: its partition's leader and replicas from the broker's metadata, its
        // watermarks, and the group's committed offset and lag on it.
        let described = try Pipetop.run(["topics", topic, "--json", "--interval", "200ms", "--brokers", broker.bootstrap])
        #expect(described.status == 0, "\(described.stderr)")
        let full = try #require(try Self.json(described.stdout).first, "\(described.stdout)")
        let partition = try #require((full["partition_details"] as? [[String: Any]])?.first, "\(full)")
        let leader = try #require(partition["leader"] as? Int, "\(partition)")
        #expect(leader >= 0 && partition["replicas"] as? [Int] == [leader] && partition["in_sync"] as? [Int] == [leader], "\(partition)")
        #expect(partition["low"] as? Int == 0 && partition["high"] as? Int == n, "\(partition)")
        let lagged = (full["groups"] as? [[String: Any]])?.first?["partitions"] as? [[String: Any]]
        #expect(lagged?.first?["committed"] as? Int == Int(k) && lagged?.first?["lag"] as? Int == n - Int(k), "\(full)")
        let object = try JSONSerialization.jsonObject(with: Data(described.stdout.utf8)) as? [String: Any]
        let brokers = object?["brokers"] as? [[String: Any]]
        #expect(brokers?.contains { $0["id"] as? Int == leader && ($0["address"] as? String)?.hasSuffix(":\(broker.port)") == true } == true,
                "the leader is the test broker: \(String(describing: brokers))")
        // Its settings as the broker reports them (Tansu reports every entry as a default,
        // so none shows as set on the topic here).
        let settings = Dictionary(((full["settings"] as? [[String: Any]]) ?? []).compactMap { s in
            (s["name"] as? String).map { ($0, s["value"] as? String) }
        }, uniquingKeysWith: { a, _ in a })
        #expect(settings["retention.ms"] == "604800000" && settings["cleanup.policy"] == "compact", "\(full)")
        let text = try Pipetop.run(["topics", topic, "--interval", "200ms", "--brokers", broker.bootstrap])
        #expect(text.stdout.contains("retention.ms    604800000 (168h)"), "\(text.stdout)")
        #expect(text.status == 0 && text.stdout.hasPrefix("TOPIC \(topic)\n1 partition · "), "\(text.stdout)")
        #expect(text.stdout.contains("topics-scorers          0         12   18"), "\(text.stdout)")

        // The dashboard's probe reads the settings of the topic being described, and only its.
        let probe = KafkaTopicsProbe(config: config, interval: .milliseconds(300))
        defer { probe.stop() }
        let read = await eventually(timeout: .seconds(15)) {
            probe.latest(describing: topic)?.topics.first { $0.name == topic }?.settings != nil
        }
        let sampled = try #require(probe.latest(describing: topic), "read: \(read)")
        #expect(sampled.topics.first { $0.name == topic }?.settings?.contains(TopicSetting(name: "cleanup.policy", value: "compact", isOverride: false)) == true)
        #expect(sampled.topics.filter { $0.settings != nil }.map { $0.name } == [topic])

        let unknown = try Pipetop.run(["topics", topic, "topics.nope", "--interval", "200ms", "--brokers", broker.bootstrap])
        #expect(unknown.status == 1 && unknown.stdout.isEmpty, "\(unknown.stdout)")
        #expect(unknown.stderr == "pipetop: no topic named topics.nope on \(broker.bootstrap) (`pipetop topics` lists them)\n", "\(unknown.stderr)")
        // A shell pattern describes every topic it matches (settings included), once each.
        let matched = try Pipetop.run(["topics", "_topics.int*", topic.replacingOccurrences(of: ".", with: "?"), topic, "--json", "--interval", "200ms",
                                       "--brokers", broker.bootstrap])
        #expect(matched.status == 0, "\(matched.stderr)")
        let named = try Self.json(matched.stdout)
        #expect(named.map { $0["name"] as? String } == ["_topics.internal", topic] && named.allSatisfy { $0["settings"] != nil }, "\(matched.stdout)")
        let none = try Pipetop.run(["topics", "topics.nope*", "topics.nope", "--interval", "200ms", "--brokers", broker.bootstrap])
        #expect(none.status == 1 && none.stderr.hasPrefix("pipetop: no topic named topics.nope or matching topics.nope* on "), "\(none.stderr)")
    }

    @Test func describingTopicAfterTopicSamplesAtOnceButNotOnceAKey() async throws {
        let broker = try TestBroker.shared()
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(["topics.keys.a", "topics.keys.b"], partitions: 1)
        let probe = KafkaTopicsProbe(config: config, interval: .seconds(30))
        defer { probe.stop() }
        _ = probe.latest()
        #expect(await eventually(timeout: .seconds(10)) { probe.latest() != nil })
        let before = probe.samples
        let start = ContinuousClock.now
        // A key held down: the described topic changes 40 times in 0.4 s (longer on a busy machine).
        for i in 0..<40 {
            _ = probe.latest(describing: i % 2 == 0 ? "topics.keys.a" : "topics.keys.b")
            try await Task.sleep(for: .milliseconds(10))
        }
        // The last one is read at once (long before the 30 s interval) ...
        #expect(await eventually(timeout: .seconds(15)) { probe.latest(describing: "topics.keys.b")?.topics.first { $0.name == "topics.keys.b" }?.settings != nil })
        try await Task.sleep(for: .milliseconds(700))
        // ... and samples are at least 300 ms apart, not one a key (on a calm machine that is
        // at most 5 here; without the coalescing it took 40 samples in 1.1 s).
        let taken = probe.samples - before
        let elapsedMs = (ContinuousClock.now - start).milliseconds
        #expect(taken >= 1 && Int64(taken) <= elapsedMs / 300 + 2, "\(taken) samples in \(elapsedMs) ms for 40 changes")
    }

    @Test func groupsListEveryGroupWithItsLagPerTopicAndMaxLagExits1() throws {
        let broker = try TestBroker.shared()
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(["groups.a", "groups.b"], partitions: 1)
        for (topic, n) in [("groups.a", 30), ("groups.b", 10)] {
            let records = (0..<n).map { "r\($0)" }.joined(separator: "\n") + "\n"
            #expect(try Kcat.produce(broker: broker.bootstrap, topic: topic, input: Data(records.utf8), arguments: ["-p", "0"]).status == 0)
        }
        try KafkaLagTests.commit(group: "groups-scorers", [("groups.a", 12), ("groups.b", 10)], broker: broker.bootstrap)
        try KafkaLagTests.commit(group: "groups-idle", [("groups.a", 30)], broker: broker.bootstrap)

        let json = try Pipetop.run(["groups", "--json", "--brokers", broker.bootstrap])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let groups = try #require(object?["groups"] as? [[String: Any]], "\(json.stdout)")
        let scorers = try #require(groups.first { $0["group"] as? String == "groups-scorers" }, "\(groups)")
        #expect(scorers["lag"] as? Int == 18)
        let topics = scorers["topics"] as? [[String: Any]]
        #expect(topics?.map { $0["topic"] as? String } == ["groups.a", "groups.b"] && topics?.map { $0["lag"] as? Int } == [18, 0], "\(scorers)")
        let partition = (topics?.first?["partitions"] as? [[String: Any]])?.first
        #expect(partition?["partition"] as? Int == 0 && partition?["committed"] as? Int == 12 && partition?["lag"] as? Int == 18)
        #expect(groups.first { $0["group"] as? String == "groups-idle" }?["lag"] as? Int == 0)

        let one = try Pipetop.run(["groups", "groups-scorers", "--brokers", broker.bootstrap])
        #expect(one.status == 0 && one.stdout.hasPrefix("GROUP groups-scorers · lag 18\n"), "\(one.stdout)")
        #expect(one.stdout.contains("groups.a          0         12   18"), "\(one.stdout)")
        let over = try Pipetop.run(["groups", "groups-scorers", "groups-idle", "--max-lag", "17", "--brokers", broker.bootstrap])
        #expect(over.status == 1 && over.stderr == "pipetop: groups-scorers lags 18: more than --max-lag 17\n", "\(over.stderr)")
        #expect(over.stdout.contains("GROUP groups-idle · lag 0"), "the groups are shown all the same")
        #expect(try Pipetop.run(["groups", "groups-scorers", "--max-lag", "18", "--brokers", broker.bootstrap]).status == 0)
        let empty = try Pipetop.run(["groups", "", "--brokers", broker.bootstrap])
        #expect(empty.status == 64 && empty.stderr.contains("a consumer group's name cannot be empty"), "\(empty.stderr)")
        let emptyTopic = try Pipetop.run(["topics", "", "--brokers", broker.bootstrap])
        #expect(emptyTopic.status == 64 && emptyTopic.stderr.contains("a topic's name cannot be empty"), "\(emptyTopic.stderr)")
        // Patterns pick every group they match, and --max-lag applies to them all.
        let family = try Pipetop.run(["groups", "groups-[si]*", "--max-lag", "17", "--json", "--brokers", broker.bootstrap])
        let picked = (try JSONSerialization.jsonObject(with: Data(family.stdout.utf8)) as? [String: Any])?["groups"] as? [[String: Any]]
        #expect(Set(picked?.compactMap { $0["group"] as? String } ?? []) == ["groups-scorers", "groups-idle"], "\(family.stdout)")
        #expect(family.status == 1 && family.stderr == "pipetop: groups-scorers lags 18: more than --max-lag 17\n", "\(family.stderr)")
        let noMatch = try Pipetop.run(["groups", "groups-x*", "--brokers", broker.bootstrap])
        #expect(noMatch.status == 1 && noMatch.stderr.hasPrefix("pipetop: no consumer group matching groups-x* has committed offsets"), "\(noMatch.stderr)")
        let unknown = try Pipetop.run(["groups", "groups-nobody", "--brokers", broker.bootstrap])
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("pipetop: no consumer group named groups-nobody has committed offsets"), "\(unknown.stderr)")
        let table = try Pipetop.run(["groups", "--brokers", broker.bootstrap])
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("groups-scorers ") && $0.hasSuffix(" 18  groups.a (lag 18), groups.b (lag 0)") },
                "\(table.stdout)")
    }

    /// A named group is asked for its offsets whether the cluster's listing names it or not:
    /// a principal may read its own group's offsets without leave to list every group (as
    /// kafka-consumer-groups --describe --group does). The test broker shows the case without
    /// ACLs: it lists a group named outside ASCII percent-encoded (`sc%C3%B6rer`), a name that
    /// has no offsets, while the group's own name has them.
    @Test func aNamedGroupIsReadEvenWhenTheListingDoesNotNameIt() async throws {
        let broker = try TestBroker.shared()
        try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap)).createTopics(["groups.named"], partitions: 1)
        let records = (0..<9).map { "r\($0)" }.joined(separator: "\n") + "\n"
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: "groups.named", input: Data(records.utf8), arguments: ["-p", "0"]).status == 0)
        try KafkaLagTests.commit(group: "scörer", [("groups.named", 4)], broker: broker.bootstrap)
        let one = try Pipetop.run(["groups", "scörer", "--brokers", broker.bootstrap])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.hasPrefix("GROUP scörer · lag 5\n"), "\(one.stdout)")
        #expect(one.stdout.contains("groups.named          0          4    5"), "\(one.stdout)")
        // The Topics screen's probe reads the groups of `lag_groups` the same way.
        let probe = KafkaTopicsProbe(config: KafkaClientConfig(brokers: broker.bootstrap), interval: .milliseconds(300), groups: ["scörer"])
        defer { probe.stop() }
        let found = await eventually(timeout: .seconds(15)) {
            probe.latest()?.topics.first { $0.name == "groups.named" }?.groups.contains { $0.group == "scörer" && $0.lag == 5 } == true
        }
        #expect(found, "\(String(describing: probe.latest()?.topics.first { $0.name == "groups.named" }))")
    }

    /// Two groups behind on a topic a producer writes 50 records a second to: one committed
    /// once and stopped, one commits what was produced every second. Read twice 12 s apart,
    /// with `group_stalled_after` at 3 s, the first is stalled (exit 1, named) and the second
    /// consumes at the producer's rate.
    @Test func groupsOverAnIntervalTellAStalledGroupFromOneKeepingUp() async throws {
        let broker = try TestBroker.shared()
        let topic = "groups.progress"
        try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap)).createTopics([topic], partitions: 1)
        let rate = 50.0
        let producer = try PacedProducer(broker: broker.bootstrap, topic: topic, rate: rate)
        defer { producer.stop() }
        try await Task.sleep(for: .seconds(1))
        try KafkaLagTests.commit(group: "progress-stuck", [(topic, 5)], broker: broker.bootstrap)
        let committing = Atomic<Bool>(true)
        let commits = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        Thread {
            while committing.load(ordering: .acquiring) {
                if (try? KafkaLagTests.commit(group: "progress-live", [(topic, Int64(producer.delivered.load(ordering: .relaxed)))],
                                              broker: broker.bootstrap)) != nil {
                    commits.add(1, ordering: .relaxed)
                }
                Thread.sleep(forTimeInterval: 1)
            }
            done.signal()
        }.start()
        defer {
            committing.store(false, ordering: .releasing)
            done.wait()
        }
        // The first reading must see the group: it is measured from there.
        #expect(await eventually(timeout: .seconds(30)) { commits.load(ordering: .relaxed) > 0 })
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-stall-\(UUID().uuidString).toml").path
        try Data("[alerts]\ngroup_stalled_after = \"3s\"\n".utf8).write(to: URL(fileURLWithPath: config))
        defer { try? FileManager.default.removeItem(atPath: config) }

        let json = try Pipetop.run(["groups", "progress-stuck", "progress-live", "--json", "--interval", "12s", "--config", config, "--brokers", broker.bootstrap])
        #expect(json.status == 1 && json.stderr == "pipetop: stalled: progress-stuck committed nothing past where it stood for 3s while behind\n", "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let groups = try #require(object?["groups"] as? [[String: Any]], "\(json.stdout)")
        let stuck = try #require(groups.first { $0["group"] as? String == "progress-stuck" }?["topics"] as? [[String: Any]]).first
        let live = try #require(groups.first { $0["group"] as? String == "progress-live" }?["topics"] as? [[String: Any]]).first
        #expect(groups.map { $0["stalled"] as? Bool } == [true, false], "\(groups)")
        let stuckPartition = (stuck?["partitions"] as? [[String: Any]])?.first
        #expect(stuckPartition?["stalled"] as? Bool == true && (stuckPartition?["behind_for_ms"] as? Int ?? 0) >= 11_500, "\(String(describing: stuckPartition))")
        #expect(abs((stuck?["consumed_per_sec"] as? Double ?? -1) - 0) < 0.01, "\(String(describing: stuck))")
        #expect(abs((stuck?["lag_per_sec"] as? Double ?? -1) - rate) <= rate * 0.15, "the stuck group's lag grows at the producer's rate: \(String(describing: stuck))")
        let consumed = live?["consumed_per_sec"] as? Double ?? -1
        print("groups --interval 12s: the live group consumed \(consumed)/s of \(rate)/s produced")
        #expect(abs(consumed - rate) <= rate * 0.25, "\(String(describing: live))")
        #expect(live?["stalled"] as? Bool == false)

        let text = try Pipetop.run(["groups", "progress-stuck", "--interval", "10s", "--max-lag", "1", "--config", config, "--brokers", broker.bootstrap])
        #expect(text.status == 1)
        let reasons = text.stderr.split(separator: "\n")
        #expect(reasons.count == 2 && reasons[0].hasPrefix("pipetop: progress-stuck lags ") && reasons[0].hasSuffix(": more than --max-lag 1")
                && reasons[1] == "pipetop: stalled: progress-stuck committed nothing past where it stood for 3s while behind", "both reasons: \(text.stderr)")
        #expect(text.stdout.contains("\(topic): consumes 0/s, stalled 1"), "\(text.stdout)")
        #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix(topic) && $0.contains(" 5 ") && $0.contains("stalled 1") }, "\(text.stdout)")
        let hint = "pipetop tail --topic \(topic) --partition 0 --from 4 --count 2 --format json --meta"
        #expect(text.stdout.hasSuffix("The records where it stands:\n  \(hint)\n"), "\(text.stdout)")
        // The hint works: the two records around the committed offset 5.
        let records = try Pipetop.run(Array(hint.split(separator: " ").dropFirst().map(String.init)) + ["--brokers", broker.bootstrap])
        let offsets = records.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["offset"] as? Int
        }
        #expect(records.status == 0 && offsets == [4, 5], "\(records.stdout) \(records.stderr)")
    }

    @Test func anUnreachableClusterIsExit2WithOneLine() throws {
        let port = try TestBroker.freePort()
        let r = try Pipetop.run(["topics", "--brokers", "127.0.0.1:\(port)"])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.hasPrefix("pipetop: cannot list the topics of 127.0.0.1:\(port)"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let groups = try Pipetop.run(["groups", "--brokers", "127.0.0.1:\(port)"])
        #expect(groups.status == 2 && groups.stderr.split(separator: "\n").count == 1
                && groups.stderr.hasPrefix("pipetop: cannot list the consumer groups of 127.0.0.1:\(port)"), "\(groups.stderr)")
    }
}
