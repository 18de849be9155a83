import ArgumentParser
import Foundation
import PipeTopCore

/// `pipetop status [--json]`: the overview a runbook checks before acting; exits 1 while a
/// critical alert is active.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print every pipeline's status, rates, serving version and alerts; exit 1 on a critical alert.",
        discussion: "Watches the cluster for --watch (default 3s) to measure rates, after reading the registry.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: ArgumentHelp("How long to watch the topics for rates and alerts.", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var watch: Duration = .seconds(3)

    func run() throws {
        do {
            let config = try ConfigResolution.resolve(global, overrides: global.overrides).effective
            let view = try ClusterView(config)
            try view.watch(seconds: Double(DurationText.milliseconds(watch)) / 1_000)
            let snapshot = view.store.snapshot()
            let reports = snapshot.pipelines.map(StatusReport.init)
            if json {
                print(JSONText.encode(reports))
            } else {
                print("STATUS    PIPELINE         IN/S      ERR/S   SERVING                CANDIDATES  ALERTS")
                for r in reports {
                    print([TextColumns.pad(r.status, 9), TextColumns.pad(r.pipeline, 16), TextColumns.pad(Format.rate(r.inPerSecond), 9), TextColumns.pad(Format.rate(r.errorsPerSecond), 7),
                           TextColumns.pad(r.serving.joined(separator: " "), 22), TextColumns.pad(r.candidates.joined(separator: " "), 11),
                           r.alerts.map { "\($0.severity): \($0.message)" }.joined(separator: "; ")].joined(separator: " "))
                }
            }
            // Alerts on a source or a topic (malformed messages, a models topic that deletes
            // versions) belong to no pipeline's row: on standard error, so --json stays one array.
            let pipelines = Set(snapshot.pipelines.map(\.name))
            for a in snapshot.alerts where !pipelines.contains(a.scope) {
                StandardError.print("pipetop: \(a.severity == .critical ? "critical" : "warning"): \(a.scope): \(a.message)")
            }
            // Mapped pipelines are known from what their topics hold: a fleet's backlog takes
            // longer to read than a short watch.
            let mapped = view.config.pipelines.map(\.name)
            let unread = mapped.filter { snapshot.pipeline(named: $0).map { $0.lastScoredMs == nil && $0.models.isEmpty } ?? true }
            if !unread.isEmpty {
                StandardError.print("pipetop: warning: \(unread.count) of \(mapped.count) mapped pipelines showed no scored record or model version in "
                                    + "\(DurationText.format(watch)) (\(KnownNames.listed(unread))); a longer --watch reads more of their topics")
            }
            if snapshot.alerts.contains(where: { $0.severity == .critical }) { throw ExitCode(1) }
        } catch let failure as CLIFailure {
            StandardError.print("pipetop: \(failure)")
            throw ExitCode(failure.code)
        }
    }

}
