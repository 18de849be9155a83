/// Why the registry refused a model event or a serving report.
public enum RegistryRefusal: String, Sendable, Hashable, CustomStringConvertible {
    /// The event names no model.
    case emptyModelName
    /// The pipeline already tracks `maxModelsPerPipeline` models.
    case tooManyModels
    /// The model already holds `maxVersionsPerModel` versions and none of them may be evicted.
    case tooManyVersions
    /// A `rolled_back` event without `to_version`, or naming its own version.
    case missingRollbackTarget
    /// A `serving` heartbeat without `instance`.
    case missingInstance

    public var description: String {
        switch self {
        case .emptyModelName: "model event without a model name"
        case .tooManyModels: "too many models in this pipeline (maxModelsPerPipeline)"
        case .tooManyVersions: "too many live versions of this model (maxVersionsPerModel)"
        case .missingRollbackTarget: "rolled_back event without a usable to_version"
        case .missingInstance: "serving event without an instance"
        }
    }
}
