import Foundation
import TOMLKit

/// Finds, reads and validates the configuration file.
///
/// The environment is a parameter, never `ProcessInfo`, so that tests are hermetic.
public enum ConfigLoader {
    /// Where a configuration file was looked for, and why.
    public enum Source: Sendable, Hashable {
        case explicit(String)
        case environmentVariable(String)
        case userConfig(String)
    }

    /// Loads the first file of the search order: `--config PATH` (must exist), `$PIPETOP_CONFIG`
    /// (must exist), `$XDG_CONFIG_HOME/pipetop/pipetop.toml` else `~/.config/pipetop/pipetop.toml`
    /// (optional), else the built-in defaults.
    public static func load(explicitPath: String?, environment: [String: String])
        throws(ConfigError) -> LoadedConfig
    {
        guard let source = searchSource(explicitPath: explicitPath, environment: environment) else {
            return LoadedConfig(config: .defaults, path: nil)
        }
        switch source {
        case .explicit(let path), .environmentVariable(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                let origin = if case .explicit = source { "--config" } else { "$PIPETOP_CONFIG" }
                throw .fileNotFound(path: path, origin: origin)
            }
            return try loadFile(path, environment: environment)
        case .userConfig(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                return LoadedConfig(config: .defaults, path: nil)
            }
            return try loadFile(path, environment: environment)
        }
    }

    /// The file the search order points at, whether or not it exists; nil when not even `$HOME` is known.
    public static func searchSource(explicitPath: String?, environment: [String: String]) -> Source?
    {
        if let path = explicitPath {
            return .explicit(PathExpansion.expandTilde(path, environment: environment))
        }
        if let path = environment["PIPETOP_CONFIG"], !path.isEmpty {
            return .environmentVariable(PathExpansion.expandTilde(path, environment: environment))
        }
        // XDG says a relative $XDG_CONFIG_HOME is invalid and must be ignored.
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
            return .userConfig(base + "/pipetop/pipetop.toml")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return .userConfig(home + "/.config/pipetop/pipetop.toml")
        }
        return nil
    }

    /// Reads and validates one file.
    public static func loadFile(_ path: String, environment: [String: String]) throws(ConfigError)
        -> LoadedConfig
    {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason =
                exists && isDirectory.boolValue ? "it is a directory" : "not readable as UTF-8 text"
            throw .unreadable(path: path, reason: reason)
        }
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
        return try parse(text, file: path, environment: environment, fileMode: mode)
    }

    /// Parses and validates configuration text; `file` is only used in messages and as the path.
    /// `fileMode` (the file's permission bits): a file group or others may read (`mode & 0o044`)
    /// gets a warning for every secret written in it in clear.
    public static func parse(_ text: String, file: String, environment: [String: String], fileMode: Int? = nil)
        throws(ConfigError) -> LoadedConfig
    {
        let root: TOMLTable
        do {
            root = try TOMLText.parse(text)
        } catch {
            throw .syntax(file: file, line: error.line, column: error.column, message: error.message)
        }
        let config = try ConfigDecoder.decode(root, file: file, environment: environment)
        var warnings = UnknownKeyScanner.scan(root, file: file)
        if let fileMode, fileMode & 0o044 != 0 {
            warnings += ClearTextSecretScanner.scan(root).map {
                ConfigWarning(file: file, keyPath: $0, kind: .clearTextSecret(mode: fileMode & 0o777))
            }
        }
        return LoadedConfig(config: config, path: file, warnings: warnings)
    }
}
