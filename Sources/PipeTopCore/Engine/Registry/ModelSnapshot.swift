/// A frozen view of one model of a pipeline: its versions and who serves.
public struct ModelSnapshot: Sendable, Hashable {
    public let name: String
    /// Newest (highest version number) first.
    public let versions: [VersionSnapshot]
    public let primary: Int?
    /// Versions in state `candidate`, ascending.
    public let candidates: [Int]
    /// The version a rollback should return to (see `ModelRegistry.previousPrimary(of:)`).
    public let previousPrimary: Int?

    public init(name: String, versions: [VersionSnapshot], primary: Int?, candidates: [Int], previousPrimary: Int?) {
        self.name = name
        self.versions = versions
        self.primary = primary
        self.candidates = candidates
        self.previousPrimary = previousPrimary
    }

    public func version(_ v: Int) -> VersionSnapshot? { versions.first { $0.version == v } }
}
