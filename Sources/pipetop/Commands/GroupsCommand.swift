import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka

/// `pipetop groups [NAME ...] [--json] [--max-lag N] [--interval D]`: every consumer group of
/// the cluster with its lag on each topic it reads (kafkactl's `get consumer-groups`); with
/// names, those groups partition by partition; `--max-lag` makes a lag past it exit 1, for a
/// runbook or a probe; `--interval` watches them that long, to tell a slow group from one
/// that stopped (exit 1 when one is stalled).
struct GroupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "List the cluster's consumer groups and their lag on each topic; exit 1 past --max-lag.",
        discussion: """
            Reads every group the cluster lists (ListConsumerGroups) and the offsets each committed \
            (ListConsumerGroupOffsets), and the topics' high watermarks: a group's lag on a partition \
            is high watermark − committed offset, summed over the partitions it committed on. Name \
            groups to see them partition by partition. No records are read and no group is joined. \
            Members and their assignments are not shown. With --interval, the groups are read twice \
            that far apart: over 10s or more each shows how many records a second it consumes and \
            whether it is catching up or falling behind, and a group behind on a partition that \
            committed nothing past where it stood for the whole interval, at least [alerts] \
            group_stalled_after (1m), is stalled: exit 1, naming it.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Groups to show partition by partition, or shell patterns ('fraud-*') for every group they match (default: every group, a line each).", valueName: "group"))
    var names: [String] = []

    @Flag(help: "Print JSON.")
    var json = false

    @Option(name: .customLong("max-lag"), help: ArgumentHelp("Exit 1 when a group shown lags more than this many records in all.", valueName: "n"))
    var maxLag: Int64?

    @Option(help: ArgumentHelp("Read the groups twice this far apart, for their rates and whether one is stalled.", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var interval: Duration?

    func validate() throws {
        if let maxLag, maxLag < 0 { throw ValidationError("--max-lag must be 0 or more") }
        if let interval, interval <= .zero { throw ValidationError("--interval must be longer than 0") }
        if names.contains(where: \.isEmpty) { throw ValidationError("a consumer group's name cannot be empty") }
    }

    func run() throws {
        do {
            let measured = try ClusterSampling(global, interval: interval, groups: names, listing: "the consumer groups")
            let (client, snapshot, stalledAfterMs) = (measured.client, measured.snapshot, measured.stalledAfterMs)
            let all = snapshot.groups
            if let problem = snapshot.error {
                // Named groups that were all read stand, whatever happened to the listing.
                let read = Set(all.map(\.group))
                guard !names.isEmpty, names.allSatisfy(read.contains) else {
                    throw CLIFailure(2, "cannot list the consumer groups of \(client.brokers): \(problem)")
                }
                StandardError.print("pipetop: warning: \(problem)")
            }
            let (picked, missing) = NamedSelection.pick(names, from: all) { $0.group }
            if !missing.isEmpty {
                throw CLIFailure(1, "no consumer group \(NamedSelection.naming(missing)) has committed offsets on \(client.brokers) (`pipetop groups` lists them)")
            }
            let shown = names.isEmpty ? all : picked
            if json {
                print(JSONText.encode(GroupsReport(shown, stalledAfterMs: stalledAfterMs)))
            } else {
                print(names.isEmpty ? GroupsReport.table(shown, stalledAfterMs: stalledAfterMs)
                                    : GroupsReport.description(shown, stalledAfterMs: stalledAfterMs), terminator: "")
            }
            // Both reasons to exit 1 are said, a line each.
            var failures: [String] = []
            if let maxLag {
                let over = shown.filter { $0.lag > maxLag }
                if !over.isEmpty {
                    let lags = over.map { "\($0.group) lags \(Format.count($0.lag))" }.joined(separator: ", ")
                    failures.append("\(lags): more than --max-lag \(Format.count(maxLag))")
                }
            }
            let stalled = shown.filter { $0.isStalled(afterMs: stalledAfterMs) }
            if !stalled.isEmpty {
                let names = stalled.map(\.group).joined(separator: ", ")
                failures.append("stalled: \(names) committed nothing past where \(stalled.count == 1 ? "it" : "they") stood for \(Format.duration(ms: stalledAfterMs)) while behind")
            }
            if let last = failures.popLast() {
                for failure in failures { StandardError.print("pipetop: \(failure)") }
                throw CLIFailure(1, last)
            }
        } catch let failure as CLIFailure {
            StandardError.print("pipetop: \(failure)")
            throw ExitCode(failure.code)
        }
    }
}
