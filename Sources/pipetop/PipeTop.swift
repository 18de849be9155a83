import ArgumentParser
import PipeTopCore

/// The `pipetop` command: the dashboard by default, plus the subcommands.
@main
struct PipeTop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipetop",
        abstract: "top for Kafka-based model-serving pipelines.",
        version: "pipetop \(PipeTopVersion.current) (commit \(BuildCommit.id))",
        subcommands: [DashboardCommand.self, DemoCommand.self, TailCommand.self, AuditCommand.self, RecordCommand.self, PromoteCommand.self, RollbackCommand.self, RetireCommand.self, ModelsCommand.self, StatusCommand.self, TopicsCommand.self, GroupsCommand.self, DriftCommand.self, ValidateCommand.self, ConfigCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    static func main() {
        MallocArenas.useOne()
        main(nil)
    }
}
