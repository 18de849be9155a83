/// A configuration as loaded: the values, the file they came from, and what was ignored.
public struct LoadedConfig: Sendable, Hashable {
    public var config: PipeTopConfig
    /// The file read, or nil when no file was found and the built-in defaults apply.
    public var path: String?
    public var warnings: [ConfigWarning]

    public init(config: PipeTopConfig, path: String?, warnings: [ConfigWarning] = []) {
        self.config = config
        self.path = path
        self.warnings = warnings
    }
}
