import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka
import PipeTopUI

/// Starts the dashboard on a source: the part `pipetop` (replay, Kafka) and `pipetop demo` share.
enum DashboardLaunch {
    /// The operator's commands go to the source's control channel (none for a recording);
    /// in read-only mode it is never opened. With `contexts` and `reconnect`, `:context NAME`
    /// stops the source and runs again on what `reconnect(NAME)` gives, in the same process.
    static func run(
        config: EffectiveConfig, source: any EventSource, contexts: [String] = [],
        reconnect: ((String) throws -> (EffectiveConfig, any EventSource))? = nil
    ) throws {
        var config = config
        var source = source
        while true {
            let exit = try runOnce(config: config, source: source, contexts: reconnect == nil ? [] : contexts)
            guard case .switchContext(let name) = exit, let reconnect else { return }
            (config, source) = try reconnect(name)
        }
    }

    private static func runOnce(config: EffectiveConfig, source: any EventSource, contexts: [String]) throws -> DashboardApp.Exit {
        let keymap: Keymap
        do {
            keymap = try Keymap(overrides: config.ui.keymap, readOnly: config.readOnly)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        let themes = ThemeDirectory.load()
        let initial = Theme.resolve(name: config.ui.theme, environment: ProcessInfo.processInfo.environment, available: themes)
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            StandardError.print("pipetop: the dashboard needs a terminal (stdin and stdout must be a tty)")
            throw ExitCode(1)
        }
        let control = config.readOnly ? nil : source.controlSink
        let (controlOptions, auditLog) = controlSetup(config, control)
        let store = PipelineStore(settings: config.engine, basis: source.clockBasis, shards: source.ingestWorkers)
        do {
            try source.start(into: store)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        defer { source.stop() }
        let probe = topicsProbe(for: source)
        defer { probe?.stop() }
        let topics: (@Sendable (String?) -> TopicsSnapshot?)? = probe.map { p in { @Sendable in p.latest(describing: $0) } }
        let topicTail = try topicTail(for: source, registry: config.schemaRegistry)
        let app = DashboardApp(store: store, options: DashboardOptions(
            settings: config.engine, keymap: keymap, themes: themes, theme: initial, fps: config.ui.fps,
            timeRange: config.ui.timeRange, readOnly: config.readOnly, source: source.name, control: controlOptions)
                .showing(contextOf: config, switchable: contexts),
            controlSink: control, audit: { auditLog?.append($0) }, topics: topics, topicTail: topicTail,
            scoredCoverage: scoredCoverage(of: source)) {
            let s = source.status
            return (s.text, s.health.themeRole)
        }
        do {
            return try app.run()
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
    }

    /// The Topics screen's probe on the source's cluster, sharing its log, reading the groups
    /// of `lag_groups` whether the cluster lists them or not (nil for a recording or the
    /// in-process demo, which have no cluster).
    private static func topicsProbe(for source: any EventSource) -> KafkaTopicsProbe? {
        kafka(of: source).map { KafkaTopicsProbe(config: $0.config, groups: $0.options.lagGroups.map(\.group), log: $0.log) }
    }

    /// The cluster reader behind `source`: itself, or the demo's over Kafka; nil for a
    /// recording or the in-process demo.
    private static func kafka(of source: any EventSource) -> KafkaSource? {
        (source as? KafkaSource) ?? (source as? KafkaDemoSource)?.source
    }

    /// What the source reads of the scored topics, for the Drift and Tail screens (nil: a
    /// recording or the in-process demo, which read everything).
    private static func scoredCoverage(of source: any EventSource) -> (@Sendable () -> ScoredCoverageMap)? {
        guard let kafka = kafka(of: source) else { return nil }
        return { kafka.statistics.scoredCoverage }
    }

    /// Tails of one topic for the Topics screen's `enter`, on the source's cluster, decoding
    /// framed values with the configured registry (nil for a recording or the in-process demo).
    private static func topicTail(for source: any EventSource, registry: SchemaRegistrySettings) throws
        -> (@Sendable (String, ValueFormat, StartPosition) -> any TopicTailFeed)?
    {
        guard let kafka = kafka(of: source) else { return nil }
        let schemas: (any SchemaSource)?
        do {
            schemas = try SchemaRegistryConnection.source(registry)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        let config = kafka.config
        return { topic, format, start in KafkaTopicTail(config: config, topic: topic, format: format, schemas: schemas, start: start) }
    }

    /// Whether commands can be offered, and the audit log they go to: no channel, read-only
    /// mode or an audit log that cannot be opened each make control unavailable, with the reason.
    private static func controlSetup(_ config: EffectiveConfig, _ control: (any ControlSink)?) -> (ControlOptions, AuditLog?) {
        let planner = ControlPlanner(config)
        var options = ControlOptions(
            unavailable: nil, planner: planner, requester: Requester.current(),
            ackTimeoutMs: max(1, DurationText.milliseconds(config.control.ackTimeout)))
        if config.readOnly {
            options.unavailable = "read-only mode"
            return (options, nil)
        }
        guard control != nil else {
            options.unavailable = "this source has no control channel (a recording)"
            return (options, nil)
        }
        do {
            return (options, try AuditLog(path: config.auditLogPath))
        } catch {
            options.unavailable = "\(error)"
            return (options, nil)
        }
    }
}

extension DashboardOptions {
    /// These options with the run's selected context (and whether it is protected) for the
    /// header, and the Tail screen's columns from `[ui]`.
    func showing(contextOf config: EffectiveConfig, switchable contexts: [String] = []) -> Self {
        var options = self
        options.contexts = contexts
        options.contextName = config.contextName
        options.contextProtected = config.protected
        options.tailColumns = config.ui.tailColumns
        options.mapped = config.pipelines.filter { !$0.isTemplate }
        options.mappedTemplates = config.pipelineTemplates
        return options
    }
}

extension SourceStatus.Health {
    var themeRole: ThemeRole {
        switch self {
        case .ok: .ok
        case .warning: .warn
        case .critical: .critical
        }
    }
}
