import PipeTopCore

/// `@Option(transform:)` functions for the shared conventions, so every subcommand parses
/// `--from`, durations, timestamps and `-X` the same way and ArgumentParser shows the parser's
/// message (ExpressibleByArgument could only say "invalid value").
enum ArgumentTransforms {
    static func duration(_ text: String) throws -> Duration {
        try DurationText.parse(text)
    }

    static func timestamp(_ text: String) throws -> Int64 {
        try TimestampText.parseEpochMilliseconds(text)
    }

    static func startPosition(_ text: String) throws -> StartPosition {
        try StartPosition(parsing: text)
    }

    static func property(_ text: String) throws -> PropertyAssignment {
        try PropertyAssignment(parsing: text)
    }
}
