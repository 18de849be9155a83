import ArgumentParser
import PipeTopCore

/// `pipetop config`: validates the configuration and prints the effective settings, secrets masked.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Validate the configuration and print the effective settings (secrets masked).",
        discussion: """
            Warnings (unknown keys) go to stderr; an invalid configuration prints one line and exits 1.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let resolution = try ConfigResolution.resolve(global)
        print(
            ConfigRenderer.render(resolution.effective, source: resolution.loaded.path),
            terminator: "")
    }
}
