/// Why a message of a mapped pipeline could not become a contract event: counted per
/// pipeline and reason, and shown.
public enum Unmappable: String, Error, Sendable, Hashable, CaseIterable {
    case noKey = "no key"
    case noScore = "no numeric score"
    case noLabel = "no label"
    case noVersion = "no numeric version"
    case noArtifact = "no artifact"
}
