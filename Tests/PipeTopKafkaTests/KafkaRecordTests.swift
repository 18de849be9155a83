import Foundation
import PipeTopCore
import PipeTopKafka
import Testing

/// `pipetop record` and the rest of `pipetop tail` against a real broker.
@Suite(.kafkaBroker, .serialized)
struct KafkaRecordTests {
    /// A configuration naming this test's own topics.
    static func config(_ prefix: String) throws -> String {
        let path = NSTemporaryDirectory() + "pipetop-\(prefix)-\(UUID().uuidString).toml"
        let t = ContractJSON.topics(prefix)
        try """
            \(ContractJSON.topicsTable(t))
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRecordingCarriesSourcePositionsAndReplaysAsTheEvents() async throws {
        let broker = try TestBroker.shared()
        let client = KafkaClientConfig(brokers: broker.bootstrap)
        let t = ContractJSON.topics("rec")
        try KafkaAdmin(config: client).createTopics([t.metrics, t.models, t.scored, t.control], partitions: 2)
        let models = [ContractJSON.model("p", version: 1, event: "published", atMs: ContractJSON.t0),
                      ContractJSON.model("p", version: 1, event: "promoted", atMs: ContractJSON.t0 + 1)]
        let scored = (0..<40).map { ContractJSON.scored("p", key: "k\($0)", atMs: ContractJSON.t0 + 10 + Int64($0), score: Double($0) / 40) }
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: t.models, input: Data((models.joined(separator: "\n") + "\n").utf8)).status == 0)
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: t.scored, input: Data((scored.joined(separator: "\n") + "\nnot json\n").utf8)).status == 0)
        let file = NSTemporaryDirectory() + "rec-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let config = try Self.config("rec")
        let run = try Pipetop.run(["record", "--brokers", broker.bootstrap, "--out", file, "--from", "beginning", "--exit-at-end", "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "pipetop record: 42 events to \(file); 1 message was not a JSON object and was not recorded\n")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 42)
        var offsets: [String: Set<Int>] = [:]
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let source = try #require(o["_source"] as? [String: Any])
            let topic = try #require(source["topic"] as? String)
            #expect([t.models, t.scored].contains(topic))
            #expect((source["partition"] as? Int).map { (0..<2).contains($0) } == true)
            #expect(((source["timestamp"] as? Int) ?? 0) > 1_000_000_000_000, "a broker timestamp in ms")
            offsets[topic + "/\(source["partition"] as? Int ?? -1)", default: []].insert(source["offset"] as? Int ?? -1)
        }
        #expect(offsets.values.reduce(0) { $0 + $1.count } == 42, "every (partition, offset) once")
        // The recording is a valid replay file: the same events, _source ignored.
        let replay = try Pipetop.run(["tail", "--replay", file, "--format", "json"])
        #expect(replay.status == 0 && replay.stderr.isEmpty, "\(replay.stderr)")
        var decoder = EventDecoder()
        let expected = Set(try (models + scored).map { EventEncoder.encode(try decoder.decode($0)) })
        #expect(Set(replay.stdout.split(separator: "\n").map(String.init)) == expected)

    }

    /// A pipeline in its own format (`[[pipelines]]`) is recorded as the dashboard reads it: its
    /// scored and models messages mapped to contract events (the serving version's `promoted`
    /// included), each with the `_source` of its message; one that does not map is counted.
    /// The contract's topics, absent here, are then optional. The recording replays as that
    /// pipeline.
    @Test func aPipelineInItsOwnFormatIsRecordedAsContractEvents() async throws {
        let broker = try TestBroker.shared()
        try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap)).createTopics(["recmap.scored", "recmap.models"], partitions: 1)
        let models = [#"{"model":"wine","rev":1,"weights":"AAA","at":1767225600000}"#]
        let scored = (0..<30).map { #"{"id":"r\#($0)","p":0.\#($0 % 10)5,"rev":1,"at":\#(1_767_225_601_000 + $0)}"# } + [#"{"id":"no-score"}"#]
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: "recmap.models", input: Data((models.joined(separator: "\n") + "\n").utf8)).status == 0)
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: "recmap.scored", input: Data((scored.joined(separator: "\n") + "\n").utf8)).status == 0)
        let config = try PipetopProcess.config("""
            [topics]
            metrics = "recmap.none.metrics"
            models = "recmap.none.models"
            scored = "recmap.none.scored"
            control = "recmap.none.control"

            [[pipelines]]
            name = "wine"
            scored_topic = "recmap.scored"
            models_topic = "recmap.models"
            [pipelines.scored]
            format = "json"
            key = "/id"
            score = "/p"
            model = "=wine"
            version = "/rev"
            ts = "/at"
            [pipelines.models]
            format = "json"
            model = "/model"
            version = "/rev"
            artifact = "/weights"
            ts = "/at"
            """)
        let file = NSTemporaryDirectory() + "recmap-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try Pipetop.run(["record", "--brokers", broker.bootstrap, "--out", file, "--from", "beginning", "--exit-at-end", "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "pipetop record: 32 events to \(file); 1 message of [[pipelines]] topics did not decode or map; "
                + "no contract topic recmap.none.control, recmap.none.metrics, recmap.none.models, recmap.none.scored\n", "\(run.stderr)")
        let objects = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let kinds = objects.map { "\($0["type"] as? String ?? "?")/\(($0["_source"] as? [String: Any])?["topic"] as? String ?? "?")" }
        #expect(kinds.filter { $0 == "scored/recmap.scored" }.count == 30)
        // v1 published (models topic), then promoted: serving in the first scored record.
        #expect(objects.filter { $0["type"] as? String == "model" }.map { "\($0["event"] ?? "")/\($0["version"] ?? "")" }.sorted() == ["promoted/1", "published/1"])
        let first = try #require(objects.first { $0["key"] as? String == "r3" })
        #expect(first["pipeline"] as? String == "wine" && first["score"] as? Double == 0.35 && first["version"] as? Int == 1)
        #expect((first["_source"] as? [String: Any])?["offset"] as? Int == 3)
        // It replays as that pipeline.
        let replay = try Pipetop.run(["tail", "--replay", file, "--format", "csv", "--columns", "pipeline,key,score", "--filter", "key == \"r3\""])
        #expect(replay.stdout == "pipeline,key,score\nwine,r3,0.3500\n", "\(replay.stdout) \(replay.stderr)")
    }

    /// A cluster that cannot be reached fails every topic alike: one line says so, naming them.
    @Test func anUnreachableClusterIsOneLineForAllItsTopics() throws {
        let port = try TestBroker.freePort()
        let config = try Self.config("unreach")
        let run = try Pipetop.run(["record", "--brokers", "127.0.0.1:\(port)", "--out", "/dev/null", "--exit-at-end", "--config", config])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(lines.last?.hasPrefix("pipetop: kafka metadata: ") == true, "\(run.stderr)")
        #expect(lines.last?.hasSuffix("(unreach.control, unreach.metrics, unreach.models, unreach.scored)") == true, "\(run.stderr)")
    }

    @Test func tailFiltersCountsAndReadsOnePartition() async throws {
        let broker = try TestBroker.shared()
        let client = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: client).createTopics(["tail.more"], partitions: 2)
        let scored = (0..<100).map { ContractJSON.scored("p", key: "k\($0)", atMs: ContractJSON.t0 + Int64($0), score: Double($0) / 100) }
        // Keys k0…k99 spread over both partitions.
        let input = zip(scored.indices, scored).map { "k\($0):\($1)" }.joined(separator: "\n") + "\n"
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: "tail.more", input: Data(input.utf8), arguments: ["-K:"]).status == 0)
        let base = ["tail", "--brokers", broker.bootstrap, "--topic", "tail.more", "--from", "beginning", "--exit-at-end"]
        let high = try Pipetop.run(base + ["--filter", "score >= 0.9", "--format", "json"])
        #expect(high.status == 0, "\(high.stderr)")
        #expect(high.stdout.split(separator: "\n").count == 10)
        let three = try Pipetop.run(base + ["--count", "3"])
        #expect(three.stdout.split(separator: "\n").count == 3)
        let p0 = try Pipetop.run(base + ["--partition", "0"])
        let p1 = try Pipetop.run(base + ["--partition", "1"])
        let c0 = p0.stdout.split(separator: "\n").count, c1 = p1.stdout.split(separator: "\n").count
        #expect(c0 > 0 && c1 > 0 && c0 + c1 == 100, "\(c0) + \(c1)")
        let none = try Pipetop.run(base + ["--partition", "7"])
        #expect(none.status == 2 && none.stderr.contains("not 7"))
    }
}

extension KafkaRecordTests {
    /// `--from` as the README defines it. The test broker's ListOffsets counts batches, so the
    /// records go one per batch (`batch.num.messages=1`) for the positions that need it.
    @Test func tailFromOffsetLastNAndTimestamp() async throws {
        let broker = try TestBroker.shared()
        let client = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: client).createTopics(["tail.from"], partitions: 1)
        func produce(_ range: Range<Int>) throws {
            let lines = range.map { ContractJSON.scored("p", key: "k\($0)", atMs: ContractJSON.t0 + Int64($0)) }
            let r = try Kcat.produce(broker: broker.bootstrap, topic: "tail.from", input: Data((lines.joined(separator: "\n") + "\n").utf8),
                                     arguments: ["-X", "batch.num.messages=1"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        try produce(0..<30)
        try await Task.sleep(for: .milliseconds(1_200))
        let middle = Int64(Date().timeIntervalSince1970 * 1_000)
        try await Task.sleep(for: .milliseconds(200))
        try produce(30..<50)
        let base = ["tail", "--brokers", broker.bootstrap, "--topic", "tail.from", "--exit-at-end", "--format", "table", "--value-format", "contract"]
        func keys(_ from: String) throws -> [String] {
            let r = try Pipetop.run(base + ["--from", from])
            #expect(r.status == 0, "--from \(from): \(r.stderr)")
            return r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: " ", omittingEmptySubsequences: true)[2]) }
        }
        #expect(try keys("beginning").count == 50)
        #expect(try keys("45") == ["k45", "k46", "k47", "k48", "k49"], "an offset")
        #expect(try keys("-3") == ["k47", "k48", "k49"], "the last N, as kcat's -o -N")
        #expect(try keys("@\(middle)") == (30..<50).map { "k\($0)" }, "from a timestamp")
        let bad = try Pipetop.run(base + ["--from", "yesterday"])
        #expect(bad.status == 64)
    }
}
