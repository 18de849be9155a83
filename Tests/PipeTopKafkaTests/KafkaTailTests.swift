import Foundation
import PipeTopCore
import PipeTopKafka
import Synchronization
import Testing

/// The headless reader behind `pipetop tail`, and the command itself, against a real broker.
@Suite(.kafkaBroker, .serialized)
struct KafkaTailTests {
    /// Values as kcat produced them (one record per batch), read to the end of every partition,
    /// nulls included.
    @Test func topicReaderReadsEveryPartitionToItsEnd() async throws {
        let broker = try TestBroker.shared()
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(["tail.reader"], partitions: 3)
        let lines = (0..<300).map { "k\($0):v\($0)" } + ["null:"]
        // -Z: an empty value is sent as null.
        let result = try Kcat.produce(broker: broker.bootstrap, topic: "tail.reader", input: Data((lines.joined(separator: "\n") + "\n").utf8), arguments: ["-K:", "-Z"])
        #expect(result.status == 0, "kcat: \(result.stderr)")

        let reader = try KafkaTopicReader(config: config, topic: "tail.reader", start: .beginning, exitAtEnd: true)
        var values: [String] = []
        var nulls = 0
        let summary = try reader.run { value, _ in
            if let value { values.append(String(decoding: value, as: UTF8.self)) } else { nulls += 1 }
        }
        #expect(summary.partitions == 3)
        #expect(summary.messages == 301)
        #expect(nulls == 1)
        #expect(Set(values) == Set((0..<300).map { "v\($0)" }))
    }

    /// `--exit-at-end` on a topic a producer keeps writing: the reader stops at the end each
    /// partition had when a fetch first returned its records. (It used to wait for a fetch
    /// that came back empty at the end, which a steady producer may not leave for long:
    /// `pipetop tail -e` once ran 46 s on the foreign pipeline's scored topic, written at 200
    /// records/s, where kcat -e took 0.4 s. How long depends on fetch timing; this producer's
    /// bursts let the old reader stop too, so this test guards the stop, not that race.)
    @Test func exitAtEndStopsWhileAProducerKeepsWriting() async throws {
        let broker = try TestBroker.shared()
        let topics = ContractJSON.topics("live")
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics([topics.scored], partitions: 3)
        let sink = try KafkaSink(config: config, topics: topics)
        let producing = ProducerThread(sink: sink, topics: topics)
        producing.start()
        defer { producing.stop() }
        let before = try KafkaTopicReader(config: config, topic: topics.scored)
        #expect(await eventually { ((try? before.watermarks(of: 0, timeout: .seconds(5)))?.high ?? 0) > 100 })

        let done = Mutex<UInt64?>(nil)
        let thread = Thread {
            let reader = try? KafkaTopicReader(config: config, topic: topics.scored, start: .beginning, exitAtEnd: true)
            let summary = try? reader?.run { _, _ in }
            done.withLock { $0 = summary?.messages ?? 0 }
        }
        thread.start()
        #expect(await eventually(timeout: .seconds(30)) { done.withLock { $0 } != nil }, "still reading")
        #expect((done.withLock { $0 } ?? 0) > 300, "read what the partitions held")
    }

    @Test func tailCommandPrintsRawValuesAndContractJSON() async throws {
        let broker = try TestBroker.shared()
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(["tail.cmd"], partitions: 1)
        let scored = ContractJSON.scored("p", key: "k1", atMs: ContractJSON.t0)
        let input = "\(scored)\nnot json\n"
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: "tail.cmd", input: Data(input.utf8)).status == 0)

        let raw = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", "tail.cmd", "--from", "beginning", "--exit-at-end"])
        #expect(raw.status == 0, "\(raw.stderr)")
        #expect(raw.stdout == input)
        #expect(raw.stderr.isEmpty, "librdkafka never writes to the terminal")

        // tail.cmd is no contract topic: read as the contract only when asked.
        let json = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", "tail.cmd", "--from", "beginning", "--exit-at-end",
                                    "--format", "json", "--value-format", "contract"])
        #expect(json.status == 0)
        var decoder = EventDecoder()
        #expect(json.stdout == EventEncoder.encode(try decoder.decode(scored)) + "\n")
        #expect(json.stderr == "pipetop: skipped 1 malformed message\n")

        // By default (auto) each value is shown as what it is: a JSON document, or text.
        let auto = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", "tail.cmd", "--from", "beginning", "--exit-at-end", "--format", "json"])
        #expect(auto.status == 0)
        let lines = auto.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.last == "\"not json\"")
        #expect(lines.first.map { FormatDecodeTests.sameJSON($0, scored) } == true)
        #expect(auto.stderr.isEmpty)

        // kcat's short options: -b brokers, -t topic, -p partition, -o start, -c count, -e exit at the end.
        let short = try Pipetop.run(["tail", "-b", broker.bootstrap, "-t", "tail.cmd", "-p", "0", "-o", "-1", "-e"])
        #expect(short.status == 0, "\(short.stderr)")
        #expect(short.stdout == "not json\n", "the last record of partition 0")
        let counted = try Pipetop.run(["tail", "-b", broker.bootstrap, "-t", "tail.cmd", "-o", "beginning", "-c", "1"])
        #expect(counted.stdout == scored + "\n", "\(counted.stderr)")

        let missing = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", "tail.none", "--exit-at-end"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("tail.none"))
    }

    /// `--from group:NAME` starts each partition where the group stands: the first record it
    /// has yet to read (what a stalled consumer is stuck on); a partition it never committed
    /// on from the end. The group is asked, not joined: its offsets stay as they were.
    @Test func fromAGroupStartsWhereItsConsumersStand() async throws {
        let broker = try TestBroker.shared()
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics(["tail.group"], partitions: 3)
        // 10 records a partition, "p:i" (kcat -p: one partition per run).
        for p in 0..<3 {
            let input = (0..<10).map { "\(p):\($0)" }.joined(separator: "\n") + "\n"
            #expect(try Kcat.produce(broker: broker.bootstrap, topic: "tail.group", input: Data(input.utf8), arguments: ["-p", "\(p)"]).status == 0)
        }
        try KafkaLagTests.commit(group: "tail-scorers", partitions: [("tail.group", 0, 7), ("tail.group", 1, 9)], broker: broker.bootstrap)
        let tail = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", "tail.group", "--from", "group:tail-scorers",
                                    "--exit-at-end", "--format", "json", "--meta"])
        #expect(tail.status == 0, "\(tail.stderr)")
        let read = tail.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { return nil }
            return "\(o["partition"] ?? "?")@\(o["offset"] ?? "?")=\(o["value"] ?? "?")"
        }
        // Partition 0 from 7, partition 1 from 9, partition 2 (never committed) from its end.
        #expect(read.sorted() == ["0@7=0:7", "0@8=0:8", "0@9=0:9", "1@9=1:9"], "\(tail.stdout)")
        let groups = try Pipetop.run(["groups", "tail-scorers", "--brokers", broker.bootstrap, "--json"])
        let group = ((try? JSONSerialization.jsonObject(with: Data(groups.stdout.utf8))) as? [String: Any])?["groups"] as? [[String: Any]]
        let topic = (group?.first?["topics"] as? [[String: Any]])?.first
        let committed = (topic?["partitions"] as? [[String: Any]])?.compactMap { ($0["committed"] as? NSNumber)?.intValue }
        #expect(committed?.sorted() == [7, 9], "the group's offsets are untouched: \(groups.stdout)")

        let unknown = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", "tail.group", "--from", "group:nobody", "--exit-at-end"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "pipetop: kafka admin: group nobody has committed no offsets on tail.group\n", "\(unknown.stderr)")
        let usage = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", "tail.group", "--from", "group:"])
        #expect(usage.status == 64, "\(usage.stderr)")
        #expect(usage.stderr.contains("group:NAME needs a consumer group's name"), "\(usage.stderr)")
    }
}
