import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka

/// `pipetop topics [--json] [--internal] [--interval 1s]`: every topic of the cluster with its
/// partitions, messages in per second, retained messages and the consumer groups reading it
/// with their lag (kafkactl's `get topics`, with rates).
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "List the cluster's topics: partitions, messages/s, retained messages, consumer groups and their lag.",
        discussion: """
            Takes two samples of every partition's watermarks --interval apart (no records are read): \
            MSG/S is the growth of the high watermarks over the interval, RETAINED the sum of high − low \
            watermarks. GROUPS lists every consumer group the cluster knows that committed offsets on \
            the topic, with its lag (high watermark − committed offset, summed over partitions).
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Include internal topics (names starting with _, e.g. __consumer_offsets).")
    var `internal` = false

    @Option(help: ArgumentHelp("Time between the two samples.", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var interval: Duration = .seconds(1)

    func validate() throws {
        guard interval > .zero else { throw ValidationError("--interval must be longer than 0") }
    }

    func run() throws {
        do {
            let config = try ConfigResolution.resolve(global, overrides: global.overrides).effective
            let client = try KafkaClientConfig.required(config)
            let snapshot: TopicsSnapshot
            do {
                let sampler = try KafkaTopicsSampler(config: client)
                let first = try sampler.sample()
                Thread.sleep(forTimeInterval: Double(DurationText.milliseconds(interval)) / 1_000)
                snapshot = TopicsSnapshot(previous: first, current: try sampler.sample())
            } catch {
                throw CLIFailure(2, "cannot list the topics of \(client.brokers): \(error)")
            }
            if let problem = snapshot.error { StandardError.print("pipetop: warning: \(problem)") }
            let topics = snapshot.visible(includingInternal: self.internal)
            if json {
                print(JSONText.encode(TopicsReport(topics)))
            } else {
                print(TopicsReport.table(topics), terminator: "")
            }
        } catch let failure as CLIFailure {
            StandardError.print("pipetop: \(failure)")
            throw ExitCode(failure.code)
        }
    }
}
