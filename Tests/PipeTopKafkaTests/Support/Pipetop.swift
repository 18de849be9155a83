import Foundation
import PipeTopTestSupport

/// The built `pipetop` for the Kafka tests: run with librdkafka 2.16 first on its library path
/// and, unless the arguments name one, an empty configuration of its own, so the user's does
/// not change what is tested.
enum Pipetop {
    /// The environment it runs with.
    static var environment: [String: String] {
        ["LD_LIBRARY_PATH": KafkaTestSetup.libraryDirectory + (ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"].map { ":" + $0 } ?? "")]
    }

    /// One empty configuration file for every run of the test process.
    private static let emptyConfig = Result { try PipetopProcess.emptyConfig() }

    static func run(_ arguments: [String]) throws -> RunResult {
        let config = arguments.contains("--config") ? [] : ["--config", try emptyConfig.get()]
        return try BuiltPipetop.run(arguments + config, environment: environment)
    }
}
