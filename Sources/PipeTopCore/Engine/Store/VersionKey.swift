/// A model version inside one pipeline.
public struct VersionKey: Sendable, Hashable, Comparable {
    public var model: String
    public var version: Int

    public init(model: String, version: Int) {
        self.model = model
        self.version = version
    }

    public static func < (a: VersionKey, b: VersionKey) -> Bool {
        (a.model, a.version) < (b.model, b.version)
    }

    public var label: String { "\(model) v\(version)" }
}
