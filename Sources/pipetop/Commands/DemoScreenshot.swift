import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopDemo
import PipeTopUI

/// One frame of the dashboard on the demo pipeline, with no terminal: the pipeline runs
/// unpaced to `afterMs` of pipeline time, its events go through the ingest path into a store
/// whose clock follows pipeline time, and the chosen screen is rendered into a buffer.
struct DemoScreenshot {
    let settings: DemoSettings
    let config: EffectiveConfig
    let startMs: Int64
    let afterMs: Int64
    let size: (columns: Int, rows: Int)
    let view: String
    let ansi: Bool

    func write(to path: String) throws {
        let text = try render()
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            StandardError.print("pipetop: cannot write \(path): \(FileErrorReason.of(error))")
            throw ExitCode(1)
        }
    }

    func render() throws -> String {
        let parts = view.split(separator: ":", maxSplits: 1).map(String.init)
        guard let screen = Screen(rawValue: parts[0].lowercased()) else {
            throw ValidationError("--view '\(view)': no such screen (\(Screen.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let clock = ManualWallClock(nowMs: startMs)
        let store = PipelineStore(settings: config.engine, basis: .eventTime, clock: clock)
        var pipeline = DemoPipeline(settings: settings, startMs: startMs)
        var batch = MessageBatch()
        var ingestor = MessageIngestor()
        pipeline.start(into: &batch)
        repeat {
            pipeline.advance(toMs: min(startMs + afterMs, pipeline.nowMs + 1_000), into: &batch)
            clock.set(pipeline.nowMs)
            store.withBatch { state, now in
                batch.forEach { _, _, value in _ = ingestor.ingest(value, into: &state, source: "demo", arrivalMs: now) }
            }
            batch.removeAll()
        } while pipeline.nowMs < startMs + afterMs
        let snapshot = store.snapshot()
        let name = parts.count > 1 ? parts[1] : snapshot.pipelines.first?.name
        if let name, !snapshot.pipelines.contains(where: { $0.name == name }) {
            throw ValidationError("--view '\(view)': no pipeline named '\(name)' (\(pipeline.pipelineNames.joined(separator: ", ")))")
        }
        let themes = ThemeDirectory.load()
        let theme = Theme.resolve(name: config.ui.theme, environment: ProcessInfo.processInfo.environment, available: themes)
        let keymap: Keymap
        do {
            keymap = try Keymap(overrides: config.ui.keymap, readOnly: config.readOnly)
        } catch {
            throw ValidationError("\(error)")
        }
        var state = AppState(timeRange: config.ui.timeRange, themes: themes.map(\.name), theme: theme.name, readOnly: config.readOnly)
        state.size = size
        state.screen = screen
        state.pipeline = name
        state.tailColumns = config.ui.tailColumns
        let ctx = ViewContext(
            snapshot: snapshot, theme: theme, keymap: keymap, settings: config.engine,
            source: "demo: \(settings.pipelines.count) pipeline\(settings.pipelines.count == 1 ? "" : "s")", connection: "t+\(Format.duration(ms: afterMs))",
            nowMs: clock.nowMs())
        var buffer = Buffer(width: size.columns, height: size.rows)
        Dashboard.render(state, ctx, into: &buffer)
        return ansi ? AnsiText.render(buffer) : buffer.lines.joined(separator: "\n") + "\n"
    }
}
