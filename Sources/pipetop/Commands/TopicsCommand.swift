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
            high watermarks and rate, and every group's committed offset and lag per partition. Over an \
            --interval of 10s or more, each group also shows how many records a second it consumes and \
            whether it is catching up or falling behind; a group behind on a partition that commits \
            nothing past where it stands for [alerts] group_stalled_after (1m) is shown stalled, which \
            only an --interval at least that long can show.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Topics to describe in full, or shell patterns ('payments.*') for every topic they match (default: list every topic).", valueName: "topic"))
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
        if names.contains(where: \.isEmpty) { throw ValidationError("a topic's name cannot be empty") }
    }

    func run() throws {
        do {
            let measured = try ClusterSampling(global, interval: interval, describing: names, listing: "the topics")
            let (client, snapshot, stalledAfterMs) = (measured.client, measured.snapshot, measured.stalledAfterMs)
            let (described, missing) = NamedSelection.pick(names, from: snapshot.topics) { $0.name }
            if !missing.isEmpty {
                throw CLIFailure(1, "no topic \(NamedSelection.naming(missing)) on \(client.brokers) (`pipetop topics` lists them)")
            }
            if let problem = snapshot.error { StandardError.print("pipetop: warning: \(problem)") }
            if !names.isEmpty {
                // Named topics are shown whatever --internal says, in the order named.
                if json {
                    print(JSONText.encode(TopicsReport(described, brokers: snapshot.brokers, stalledAfterMs: stalledAfterMs)))
                } else {
                    print(TopicsReport.description(described, brokers: snapshot.brokers, stalledAfterMs: stalledAfterMs), terminator: "")
                }
                return
            }
            let topics = snapshot.visible(includingInternal: self.internal)
            if json {
                print(JSONText.encode(TopicsReport(topics, stalledAfterMs: stalledAfterMs)))
            } else {
                print(TopicsReport.table(topics, stalledAfterMs: stalledAfterMs), terminator: "")
            }
        } catch let failure as CLIFailure {
            StandardError.print("pipetop: \(failure)")
            throw ExitCode(failure.code)
        }
    }
}
