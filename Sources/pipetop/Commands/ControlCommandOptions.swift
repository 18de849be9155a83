import ArgumentParser

/// What `promote`, `rollback` and `retire` share.
struct ControlCommandOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The pipeline.", valueName: "name"), completion: ConfigCompletions.pipelines)
    var pipeline: String

    @Option(help: ArgumentHelp("The model (may be left out when the pipeline serves one).", valueName: "name"))
    var model: String?

    @Option(help: ArgumentHelp("Why (kept with the command and in the audit log).", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("How long to wait for the acknowledgement.", valueName: "duration"),
            transform: ArgumentTransforms.duration)
    var wait: Duration = .seconds(10)
}
