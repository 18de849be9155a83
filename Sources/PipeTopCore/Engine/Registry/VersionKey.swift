/// A model version inside one pipeline, as the registry's instance index names it.
struct VersionKey: Sendable, Hashable {
    var model: String
    var version: Int
}
