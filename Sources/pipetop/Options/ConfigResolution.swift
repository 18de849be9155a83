import ArgumentParser
import Foundation
import PipeTopCore

/// Loads and resolves the configuration for a subcommand, printing warnings to stderr and turning a
/// `ConfigError` into one `pipetop: …` line and exit status 1, the same way for every subcommand.
struct ConfigResolution {
    var loaded: LoadedConfig
    var effective: EffectiveConfig

    static func resolve(
        _ options: GlobalOptions, overrides: CommandLineOverrides? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConfigResolution {
        do {
            let loaded = try ConfigLoader.load(
                explicitPath: options.config, environment: environment)
            for warning in loaded.warnings { StandardError.print("pipetop: warning: \(warning)") }
            let effective = try EffectiveConfig(
                config: loaded.config, overrides: overrides ?? options.overrides,
                environment: environment)
            return ConfigResolution(loaded: loaded, effective: effective)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
    }
}
