import Foundation
import PipeTopCore
import PipeTopKafka
import Testing

/// A `[[pipelines]]` template against a real broker: every topic its scored pattern matches is a
/// pipeline of its own, in `status`, `tail --pipeline` and `record`; a cluster whose topics
/// cannot be listed leaves them out and says why.
@Suite(.kafkaBroker, .serialized)
struct PipelineTemplateCLITests {
    @Test func eachTopicATemplateMatchesIsAPipelineInEveryCommand() throws {
        let broker = try TestBroker.shared()
        let family = "tmpl\(UUID().uuidString.prefix(6).lowercased())"
        let topics = ["\(family).red.scored", "\(family).white.scored", "\(family).rose.other"]
        try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap)).createTopics(topics + ["\(family).empty.scored"], partitions: 1)
        for (i, topic) in topics.enumerated() {
            let scored = (0..<5).map { #"{"id":"\#(topic)-\#($0)","p":0.\#(i + 1)\#($0),"at":\#(1_767_225_601_000 + $0)}"# }
            #expect(try Kcat.produce(broker: broker.bootstrap, topic: topic, input: Data((scored.joined(separator: "\n") + "\n").utf8)).status == 0)
        }
        let config = try PipetopProcess.config("""
            \(ContractJSON.topicsTable(ContractJSON.topics("\(family)-none")))

            [[pipelines]]
            name = "wine-{*}"
            scored_topic = "\(family).*.scored"
            consumer_group = "{*}-scorers"
            [pipelines.scored]
            format = "json"
            key = "/id"
            score = "/p"
            model = "=wine"
            ts = "/at"
            """)
        let status = try Pipetop.run(["status", "--json", "--watch", "2s", "--brokers", broker.bootstrap, "--config", config])
        let reports = (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(Set(reports.compactMap { $0["pipeline"] as? String }) == ["wine-empty", "wine-red", "wine-white"], "\(status.stdout) \(status.stderr)")
        // The template's pipeline of a topic with nothing in it is known, and said to show nothing yet.
        #expect(status.stderr.contains("pipetop: warning: 1 of 3 mapped pipelines showed no scored record or model version in 2s (wine-empty); a longer --watch"),
                "\(status.stderr)")

        // A command about one pipeline reads its topics alone; a name no pipeline has lists those there are.
        let models = try Pipetop.run(["models", "--pipeline", "wine-red", "--json", "--brokers", broker.bootstrap, "--config", config])
        let registry = (try JSONSerialization.jsonObject(with: Data(models.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(models.status == 0 && registry.compactMap { $0["pipeline"] as? String } == ["wine-red"], "\(models.stdout) \(models.stderr)")
        let unknown = try Pipetop.run(["models", "--pipeline", "wine-blue", "--brokers", broker.bootstrap, "--config", config])
        #expect(unknown.status == 1 && unknown.stderr == "pipetop: unknown pipeline wine-blue (known: wine-empty, wine-red, wine-white)\n", "\(unknown.stderr)")

        let tail = try Pipetop.run(["tail", "--pipeline", "wine-white", "--from", "beginning", "--exit-at-end", "--format", "csv",
                                    "--columns", "pipeline,key,score", "--brokers", broker.bootstrap, "--config", config])
        #expect(tail.status == 0 && tail.stdout.split(separator: "\n").count == 6, "\(tail.stdout) \(tail.stderr)")
        #expect(tail.stdout.contains("wine-white,\(family).white.scored-3,0.2300"), "\(tail.stdout)")

        let file = NSTemporaryDirectory() + "tmpl-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let record = try Pipetop.run(["record", "--from", "beginning", "--exit-at-end", "--out", file, "--brokers", broker.bootstrap, "--config", config])
        #expect(record.status == 0, "\(record.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        let scored = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.filter { $0["type"] as? String == "scored" }
        #expect(scored.count == 10 && Set(scored.compactMap { $0["pipeline"] as? String }) == ["wine-red", "wine-white"], "\(lines.prefix(3))")

        // No cluster: the template's pipelines are missing, and a warning says why.
        let port = try TestBroker.freePort()
        let down = try Pipetop.run(["tail", "--pipeline", "wine-red", "--brokers", "127.0.0.1:\(port)", "--config", config])
        #expect(down.status == 64, "\(down.stderr)")
        #expect(down.stderr.hasPrefix("pipetop: warning: no pipeline of \(family).*.scored: the topics of 127.0.0.1:\(port) could not be listed"), "\(down.stderr)")
        #expect(down.stderr.contains("--pipeline wine-red: no such [[pipelines]] entry (the configuration has none)"), "\(down.stderr)")
    }
}
