import ArgumentParser

/// `pipetop retire --pipeline P [--model M] --to N`.
struct RetireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Withdraw a version for good; waits for the acknowledgement.",
        discussion: "Exit codes: 0 applied, 1 refused or rejected, 2 timeout or transport error, 64 usage error.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ControlCommandOptions

    @Option(help: ArgumentHelp("The version to retire.", valueName: "n"))
    var to: Int

    func run() throws {
        try ControlCLI.run(.retire, version: to, options: options, global: global)
    }
}
