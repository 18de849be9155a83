import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopUI

/// Starts the dashboard on a source: the part `pipetop` (replay, Kafka) and `pipetop demo` share.
enum DashboardLaunch {
    static func run(config: EffectiveConfig, source: any EventSource) throws {
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
        let store = PipelineStore(settings: config.engine, basis: .eventTime)
        do {
            try source.start(into: store)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        defer { source.stop() }
        let app = DashboardApp(store: store, options: DashboardApp.Options(
            settings: config.engine, keymap: keymap, themes: themes, theme: initial, fps: config.ui.fps,
            timeRange: config.ui.timeRange, readOnly: config.readOnly, source: source.name).showing(contextOf: config)) {
            let s = source.status
            return (s.text, s.health.themeRole)
        }
        do {
            try app.run()
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
    }
}

extension DashboardApp.Options {
    /// These options with the run's selected context (and whether it is protected) for the header.
    func showing(contextOf config: EffectiveConfig) -> Self {
        var options = self
        options.contextName = config.contextName
        options.contextProtected = config.protected
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
