import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopUI

/// `pipetop` (the default): the dashboard, on a recording for now (`--replay`).
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The live dashboard (the default command).",
        discussion: """
            Reads events from a recording (--replay FILE: NDJSON of contract events, as `pipetop record` \
            writes) and shows them; the embedded demo pipeline and Kafka clusters are the next sources. \
            After a replay the dashboard stays up on its final state. Keys: ? shows them all.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Replay a recording of contract events (NDJSON).", valueName: "file"))
    var replay: String?

    @Option(name: .long, help: ArgumentHelp("Replay speed: a multiple of the recorded pace, or max.", valueName: "x|max"),
            transform: { (text: String) throws -> ReplaySpeed in try ReplaySpeed(parsing: text) })
    var speed: ReplaySpeed = .times(1)

    @Option(name: .long, help: ArgumentHelp("Colour theme (default, light, solarized-dark, high-contrast, mono).", valueName: "name"))
    var theme: String?

    func run() throws {
        var overrides = global.overrides
        overrides.theme = theme
        let resolution = try ConfigResolution.resolve(global, overrides: overrides)
        let config = resolution.effective
        guard let replay else {
            StandardError.print("pipetop: no event source: give --replay FILE (the demo pipeline and Kafka sources are not in this build yet)")
            throw ExitCode(64)
        }
        let keymap: Keymap
        do {
            keymap = try Keymap(overrides: config.ui.keymap, readOnly: config.readOnly)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        let themes = ThemeDirectory.load()
        let environment = ProcessInfo.processInfo.environment
        let initial = Theme.resolve(name: config.ui.theme, environment: environment, available: themes)
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            StandardError.print("pipetop: the dashboard needs a terminal (stdin and stdout must be a tty)")
            throw ExitCode(1)
        }
        let store = PipelineStore(settings: config.engine, basis: .eventTime)
        let source = ReplaySource(path: replay, speed: speed)
        let handle: FileHandle
        do {
            handle = try source.open()
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        source.start(handle, into: store)
        let app = DashboardApp(store: store, options: DashboardApp.Options(
            settings: config.engine, keymap: keymap, themes: themes, theme: initial, fps: config.ui.fps,
            timeRange: config.ui.timeRange, readOnly: config.readOnly,
            source: "replay \((replay as NSString).lastPathComponent) at \(speed)")) {
            let h = source.headline
            return (h.text, h.role == "critical" ? .critical : .ok)
        }
        do {
            try app.run()
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
    }
}
