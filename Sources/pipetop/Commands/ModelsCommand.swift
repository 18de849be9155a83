import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka

/// `pipetop models --pipeline P [--json]`: the registry of a pipeline's models, read from the
/// models topic: versions, states, validation metrics, serving instances.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Print a pipeline's model registry (versions, states, metrics) from the models topic.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The pipeline (default: every pipeline).", valueName: "name"),
            completion: ConfigCompletions.pipelines)
    var pipeline: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: ArgumentHelp("How long to wait for the cluster.", valueName: "duration"), transform: ArgumentTransforms.duration)
    var wait: Duration = .seconds(10)

    func run() throws {
        do {
            let whole = try ClusterView(try ConfigResolution.resolve(global, overrides: global.overrides).effective)
            let view = pipeline.map(whole.narrowed) ?? whole
            let config = view.config
            // Mapped pipelines' versions come from their own topics (and which one serves, from
            // their scored records): read as the dashboard reads them, for a moment.
            let mapped = !config.pipelines.isEmpty
            try view.readRegistry(timeout: wait, skippingMissing: mapped)
            if mapped { try view.watch(seconds: ClusterView.mappedWatch) }
            let snapshot = view.store.snapshot()
            var pipelines = snapshot.pipelines
            if let pipeline {
                pipelines = pipelines.filter { $0.name == pipeline }
                if pipelines.isEmpty { throw CLIFailure(1, view.nothingRead(of: pipeline) ?? whole.unknownPipeline(pipeline, seen: snapshot)) }
            }
            if json {
                print(JSONText.encode(pipelines.map(RegistryReport.init)))
            } else {
                print("PIPELINE         MODEL                VERSION  STATE        PARENT  METRICS")
                for p in pipelines {
                    for m in p.models {
                        for v in m.versions {
                            let metrics = v.metrics.map { "\($0.name)=\(String(format: "%.3f", $0.value))" }.joined(separator: " ")
                            print(TextColumns.pad(p.name, 16), TextColumns.pad(m.name, 20), TextColumns.pad("v\(v.version)", 8), TextColumns.pad(v.state.label, 12),
                                  TextColumns.pad(v.parent.map { "v\($0)" } ?? "-", 7), metrics)
                        }
                    }
                }
            }
            warnAboutRetention(config, client: view.client)
        } catch let failure as CLIFailure {
            StandardError.print("pipetop: \(failure)")
            throw ExitCode(failure.code)
        }
    }

    /// A warning on standard error for each models topic that deletes old records
    /// (`ModelsTopicRetention`); nothing when the configuration cannot be read.
    private func warnAboutRetention(_ config: EffectiveConfig, client: KafkaClientConfig) {
        let topics = Array(Set([config.topics.models] + config.pipelines.compactMap(\.modelsTopic))).sorted()
        guard let sampler = try? KafkaTopicsSampler(config: client, timeout: .seconds(3)) else { return }
        let (settings, _) = sampler.settings(of: topics)
        for topic in topics {
            if let entries = settings[topic], let warning = ModelsTopicRetention.warning(topic: topic, settings: entries) {
                StandardError.print("pipetop: warning: \(warning)")
            }
        }
    }
}
