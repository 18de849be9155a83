import ArgumentParser
import PipeTopCore

/// Options every subcommand shares: which configuration, which context, Kafka overrides.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Configuration file (default: $PIPETOP_CONFIG, then ~/.config/pipetop/pipetop.toml).",
            valueName: "path"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Use the [[contexts]] entry with this name.", valueName: "name"),
        completion: ConfigCompletions.contexts)
    var context: String?

    @Option(
        name: .customShort("X"),
        help: ArgumentHelp(
            "Set a librdkafka property (repeatable); overrides the configuration.",
            valueName: "key=value"),
        transform: ArgumentTransforms.property)
    var properties: [PropertyAssignment] = []

    @Flag(name: .long, help: "Remove every control action, whatever the configuration says.")
    var readOnly = false

    @Option(
        name: [.customShort("b"), .long],
        help: ArgumentHelp(
            "Kafka bootstrap servers, e.g. localhost:9092.", valueName: "host:port,…"))
    var brokers: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Schema Registry URL for Avro, Protobuf and JSON Schema topics (overrides [kafka] schema_registry).",
            valueName: "url"))
    var schemaRegistry: String?

    /// The flags as configuration overrides; subcommands add their own (theme, fps) before resolving.
    var overrides: CommandLineOverrides {
        CommandLineOverrides(
            brokers: brokers, context: context, readOnly: readOnly, properties: properties,
            schemaRegistry: schemaRegistry)
    }
}
