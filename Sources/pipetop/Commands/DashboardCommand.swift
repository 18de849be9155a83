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
        try DashboardLaunch.run(config: config, source: ReplaySource(path: replay, speed: speed), control: nil)
    }
}
