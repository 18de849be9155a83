import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka
import PipeTopUI

/// `pipetop` (the default): the dashboard, on a Kafka cluster or a recording (`--replay`).
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The live dashboard (the default command).",
        discussion: """
            Reads the four contract topics of a Kafka cluster (--brokers HOST:PORT, or the brokers of \
            --context NAME or of [kafka] in the configuration) by partition assignment, never joining \
            a consumer group; or a recording (--replay FILE: NDJSON of contract events, as `pipetop \
            record` writes), after which the dashboard stays up on its final state. `pipetop demo` \
            runs it on the embedded demo pipeline. librdkafka's log lines go to --log-file, never to \
            the terminal. Keys: ? shows them all.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Replay a recording of contract events (NDJSON).", valueName: "file"))
    var replay: String?

    @Option(name: .long, help: ArgumentHelp("Replay speed: a multiple of the recorded pace, or max.", valueName: "x|max"),
            transform: { (text: String) throws -> ReplaySpeed in try ReplaySpeed(parsing: text) })
    var speed: ReplaySpeed = .times(1)

    @Option(name: .long, help: ArgumentHelp("Colour theme (default, light, solarized-dark, high-contrast, mono).", valueName: "name"),
            completion: ConfigCompletions.themes)
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("Append librdkafka's log lines to this file.", valueName: "path"))
    var logFile: String?

    @Option(name: .long, help: ArgumentHelp(
        "Threads decoding and ingesting in parallel, each into its own shard of pipelines (default: [kafka] ingest_threads, else 1).",
        valueName: "n"))
    var ingestThreads: Int?

    func run() throws {
        var overrides = global.overrides
        overrides.theme = theme
        overrides.ingestThreads = ingestThreads
        let resolution = try ConfigResolution.resolve(global, overrides: overrides)
        let config = resolution.effective
        // A recording asked for on the command line wins over brokers from the configuration.
        if let replay {
            try DashboardLaunch.run(
                config: config, source: ReplaySource(path: replay, speed: speed, workers: config.kafka.resolvedIngestThreads))
            return
        }
        guard let kafka = KafkaClientConfig(config, logFile: logFile) else {
            StandardError.print(
                "pipetop: no event source: give --brokers HOST:PORT (or --context NAME, or [kafka] brokers in the configuration), "
                + "--replay FILE, or run `pipetop demo` for the embedded demo pipeline")
            throw ExitCode(64)
        }
        // `:context NAME` reconnects to another [[contexts]] entry: its brokers, topics and
        // properties (a --brokers flag no longer applies once the operator picks a context).
        let logFile = logFile
        let global = global
        let reconnect = { (name: String) throws -> (EffectiveConfig, any EventSource) in
            var next = overrides
            next.context = name
            next.brokers = nil
            let config = try ConfigResolution.resolve(global, overrides: next).effective
            guard let kafka = KafkaClientConfig(config, logFile: logFile) else {
                StandardError.print("pipetop: context \(name) names no brokers")
                throw ExitCode(64)
            }
            return (config, KafkaSource(config: kafka, topics: config.topics, options: KafkaSourceOptions(config)))
        }
        try DashboardLaunch.run(
            config: config, source: KafkaSource(config: kafka, topics: config.topics, options: KafkaSourceOptions(config)),
            contexts: resolution.loaded.config.contexts.map(\.name), reconnect: reconnect)
    }
}
