import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka

/// `pipetop topics [NAME ...] [--json] [--internal] [--interval 1s]`: every topic of the
/// cluster with its partitions, messages in per second, retained messages and the consumer
/// groups reading it with their lag (kafkactl's `get topics`, with rates); with names, those
/// topics in full: each partition's leader, replicas, offsets and rate, and each group's lag
/// per partition (kafkactl's `describe topic`).
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "List the cluster's topics: partitions, messages/s, retained messages, consumer groups and their lag.",
        discussion: """
            Takes two samples of every partition's watermarks --interval apart (no records are read): \
            MSG/S is the growth of the high watermarks over the interval, RETAINED the sum of high − low \
            watermarks. GROUPS lists every consumer group the cluster knows that committed offsets on \
            the topic, with its lag (high watermark − committed offset, summed over partitions). \
            Name topics to describe them: their settings (retention, cleanup policy, min.insync.replicas, \
            and any set on the topic), every partition's leader, replicas (and those in sync), low and \
            high watermarks and rate, and every group's committed offset and lag per partition.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Topics to describe in full (default: list every topic).", valueName: "topic"))
    var names: [String] = []

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
                snapshot = TopicsSnapshot(previous: first, current: try sampler.sample(describing: names))
            } catch {
                throw CLIFailure(2, "cannot list the topics of \(client.brokers): \(error)")
            }
            let (described, missing) = NamedSelection.pick(names, from: snapshot.topics) { $0.name }
            if !missing.isEmpty {
                throw CLIFailure(1, "no topic named \(missing.joined(separator: ", ")) on \(client.brokers) (`pipetop topics` lists them)")
            }
            if let problem = snapshot.error { StandardError.print("pipetop: warning: \(problem)") }
            if !names.isEmpty {
                // Named topics are shown whatever --internal says, in the order named.
                if json {
                    print(JSONText.encode(TopicsReport(described, brokers: snapshot.brokers)))
                } else {
                    print(TopicsReport.description(described, brokers: snapshot.brokers), terminator: "")
                }
                return
            }
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
