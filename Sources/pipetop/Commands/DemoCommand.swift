import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopDemo
import PipeTopKafka
import PipeTopUI

/// `pipetop demo`: the embedded model-serving pipeline, with the dashboard, headless, or as a screenshot.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the embedded demo pipeline (real models, real drift, no broker) with the dashboard.",
        discussion: """
            Three pipelines by default (fraud, churn, ctr) score drifting streams with logistic-regression \
            and naive-Bayes models, retrain every minute and publish each version as data; labels arrive \
            after a delay. Within the first minute drift shows, by the second a retrained candidate is \
            shadow-scored; promote it and quality recovers.

            --headless writes every event as NDJSON (to --out, default standard output) instead of \
            showing the dashboard: a generator of recordings for --replay and tests. --screenshot \
            renders one frame after --after seconds of pipeline time, with no terminal needed.

            --kafka runs the pipeline over a real cluster instead of in-process: it creates the four \
            topics if missing (--partitions each), publishes to them and obeys commands on the control \
            topic; the dashboard reads the topics back, so `pipetop --brokers …` in another terminal \
            sees and controls the same pipelines. With --headless it runs without a UI.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "No dashboard: write every event as NDJSON to --out (with --kafka: to the topics).")
    var headless = false

    @Flag(help: "Run the pipeline over the topics of a Kafka cluster (--brokers, a --context or [kafka] brokers), creating them if missing.")
    var kafka = false

    @Option(help: ArgumentHelp("With --kafka: partitions of each topic the demo creates.", valueName: "n"))
    var partitions: Int = 3

    @Option(name: .long, help: ArgumentHelp("With --kafka: append librdkafka's log lines to this file.", valueName: "path"))
    var logFile: String?

    @Option(help: ArgumentHelp("Stop after this much wall-clock time (e.g. 30s, 5m; default: until interrupted).", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var duration: Duration?

    @Option(help: ArgumentHelp("Headless output file; - is standard output.", valueName: "file"))
    var out: String = "-"

    @Option(help: ArgumentHelp("Number of pipelines (1-32).", valueName: "n"))
    var pipelines: Int = 3

    @Option(help: ArgumentHelp("Instead of the demo pipeline, a synthetic fleet of this many light pipelines (20 versions, 10 instances and 10 scored records/s each), in real time, to see the dashboard at scale (1-2048).", valueName: "n"))
    var fleet: Int?

    @Option(help: ArgumentHelp("Records per second of pipeline time, per pipeline; max runs unpaced.", valueName: "r|max"))
    var rate: String = "2000"

    @Option(help: ArgumentHelp("Seed of every random draw (same seed, same run).", valueName: "n"))
    var seed: UInt64 = 42

    @Flag(help: "Inject faults now and then: failed loads, scorer restarts, malformed bursts, stalled scorers.")
    var faults = false

    @Flag(name: .customLong("auto-promote"), help: "Promote a candidate by itself when it beats the serving version on labelled data.")
    var autoPromote = false

    @Flag(help: ArgumentHelp(
        "Scorers also send, in their metrics, counts of each version's scores and features over its reference's bins (histograms): drift from summaries.",
        discussion: "With --kafka and [kafka] scored_read = \"summaries\" the dashboard reads no scored record and still shows drift."))
    var summaries = false

    @Option(help: ArgumentHelp("Pipeline time per wall-clock time: a multiple, or max.", valueName: "x|max"),
            transform: { (text: String) throws -> ReplaySpeed in try ReplaySpeed(parsing: text) })
    var speed: ReplaySpeed = .times(1)

    @Option(name: .customLong("strategy"),
            help: ArgumentHelp("Serving strategy of one pipeline (repeatable): single, speculative, consensus, quality.",
                               valueName: "pipeline=strategy"))
    var strategies: [String] = []

    @Option(name: .customLong("label-delay"), help: ArgumentHelp("Pipeline time before a record's label arrives.", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var labelDelay: Duration = .seconds(5)

    @Option(name: .customLong("retrain-every"), help: ArgumentHelp("Pipeline time between retrainings.", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var retrainEvery: Duration = .seconds(60)

    @Option(name: .customLong("drift-at"), help: ArgumentHelp("Pipeline time of the abrupt drift.", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var driftAt: Duration = .seconds(30)

    @Option(help: ArgumentHelp("Render one frame to this file instead of running the dashboard.", valueName: "file"))
    var screenshot: String?

    @Option(help: ArgumentHelp("Screenshot: pipeline time to simulate first.", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var after: Duration = .seconds(60)

    @Option(help: ArgumentHelp("Screenshot size.", valueName: "colsxrows"))
    var size: String = "120x40"

    @Option(help: ArgumentHelp("Screenshot screen: overview, models, drift, pipeline, tail or events, optionally :pipeline.", valueName: "screen[:pipeline]"))
    var view: String = "overview"

    @Flag(help: "Screenshot: keep the colours as ANSI escapes.")
    var ansi = false

    @Option(help: ArgumentHelp("Colour theme.", valueName: "name"), completion: ConfigCompletions.themes)
    var theme: String?

    func validate() throws {
        guard (1...32).contains(pipelines) else { throw ValidationError("--pipelines \(pipelines) is out of range (1-32)") }
        if rate != "max" {
            guard let r = Double(rate), r.isFinite, r > 0, r <= 1_000_000 else {
                throw ValidationError("--rate '\(rate)' is not a rate: give records per second (up to 1000000) or max")
            }
        }
        if screenshot != nil && headless { throw ValidationError("--screenshot and --headless do not go together") }
        if let fleet {
            guard (1...2_048).contains(fleet) else { throw ValidationError("--fleet \(fleet) is out of range (1-2048)") }
            if kafka || headless || screenshot != nil {
                throw ValidationError("--fleet shows the dashboard only: not with --kafka, --headless or --screenshot")
            }
        }
        if kafka {
            if screenshot != nil { throw ValidationError("--screenshot and --kafka do not go together") }
            if out != "-" { throw ValidationError("--out and --kafka do not go together: the events go to the topics") }
            guard (1...1_000).contains(partitions) else { throw ValidationError("--partitions \(partitions) is out of range (1-1000)") }
        }
        _ = try screenshotSize()
    }

    func screenshotSize() throws -> (columns: Int, rows: Int) {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]), (20...1000).contains(c), (5...500).contains(r) else {
            throw ValidationError("--size '\(size)' is not COLSxROWS (e.g. 120x40; 20-1000 by 5-500)")
        }
        return (c, r)
    }

    func settings() throws -> DemoSettings {
        let driftMs = DurationText.milliseconds(driftAt)
        var settings = DemoSettings(
            pipelines: PipelineSpec.defaults(count: pipelines, driftAtMs: driftMs),
            ratePerSecond: rate == "max" ? 2_000 : Double(rate) ?? 2_000, seed: seed, faults: faults, autoPromote: autoPromote,
            labelDelayMs: max(0, DurationText.milliseconds(labelDelay)),
            retrainIntervalMs: max(1_000, DurationText.milliseconds(retrainEvery)))
        settings.summaries = summaries
        for assignment in strategies {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            do {
                guard parts.count == 2 else { throw DemoConfigurationError.badAssignment(assignment) }
                try settings.setStrategy(ServingStrategy(parsing: parts[1]), for: parts[0])
            } catch {
                throw ValidationError("--strategy: \(error)")
            }
        }
        return settings
    }

    func run() throws {
        var overrides = global.overrides
        overrides.theme = theme
        let config = try ConfigResolution.resolve(global, overrides: overrides).effective
        var settings = try settings()
        settings.allowedRequesters = config.control.allowedRequesters.isEmpty ? nil : Set(config.control.allowedRequesters)
        let pace: ReplaySpeed = rate == "max" ? .max : speed
        let startMs = SystemWallClock().nowMs()
        if let fleet {
            try DashboardLaunch.run(config: config, source: FleetSource(pipelines: fleet, startMs: startMs))
        } else if let screenshot {
            try DemoScreenshot(settings: settings, config: config, startMs: startMs, afterMs: DurationText.milliseconds(after),
                               size: try screenshotSize(), view: view, ansi: ansi).write(to: screenshot)
        } else if kafka {
            try runOverKafka(config, settings, pace, startMs)
        } else if headless {
            try runHeadless(settings, pace, startMs)
        } else {
            let source = DemoSource(settings: settings, speed: pace, startMs: startMs)
            try DashboardLaunch.run(config: config, source: source)
        }
    }

    /// `--kafka`: the pipeline publishes to the cluster's topics and obeys its control topic;
    /// the dashboard (unless `--headless`) reads the same topics back like any `pipetop --brokers`.
    private func runOverKafka(_ config: EffectiveConfig, _ settings: DemoSettings, _ pace: ReplaySpeed, _ startMs: Int64) throws {
        guard let demo = KafkaDemo(config: config, partitions: partitions, logFile: logFile) else {
            StandardError.print("pipetop: --kafka needs brokers: give --brokers HOST:PORT, or set [kafka] brokers or a context")
            throw ExitCode(64)
        }
        let (runner, sink) = try demo.makeRunner(settings: settings, speed: pace, startMs: startMs)
        if headless {
            try DemoHeadless.run(runner, durationMs: duration.map(DurationText.milliseconds), failureStatus: 2) { KafkaDemo.output(sink) }
        } else {
            let source = KafkaSource(config: demo.client, topics: config.topics, options: KafkaSourceOptions(config), log: demo.log)
            try DashboardLaunch.run(config: config, source: KafkaDemoSource(runner: runner, source: source))
        }
    }

    private func runHeadless(_ settings: DemoSettings, _ pace: ReplaySpeed, _ startMs: Int64) throws {
        let sink: NDJSONFileSink
        do {
            sink = try NDJSONFileSink(path: out)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        let runner = DemoRunner(settings: settings, speed: pace, startMs: startMs, sink: sink, control: nil)
        try DemoHeadless.run(runner, durationMs: duration.map(DurationText.milliseconds), ignoring: SinkError.closedPipe.description) {
            "\(sink.lines) lines to \(out == "-" ? "standard output" : out)"
        }
    }
}
