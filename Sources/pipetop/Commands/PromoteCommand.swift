import ArgumentParser

/// `pipetop promote --pipeline P [--model M] [--to N]`.
struct PromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Make a version the serving one; waits for the pipeline's acknowledgement.",
        discussion: "Exit codes: 0 applied, 1 refused or rejected, 2 timeout or transport error, 64 usage error.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ControlCommandOptions

    @Option(help: ArgumentHelp("The version to promote (default: the newest candidate).", valueName: "n"))
    var to: Int?

    func run() throws {
        try ControlCLI.run(.promote, version: to, options: options, global: global)
    }
}
