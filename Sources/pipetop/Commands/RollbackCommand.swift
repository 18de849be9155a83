import ArgumentParser

/// `pipetop rollback --pipeline P [--model M]`.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Serve again the version that served before the current one; waits for the acknowledgement.",
        discussion: "Exit codes: 0 applied, 1 refused or rejected, 2 timeout or transport error, 64 usage error.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ControlCommandOptions

    func run() throws {
        try ControlCLI.run(.rollback, version: nil, options: options, global: global)
    }
}
