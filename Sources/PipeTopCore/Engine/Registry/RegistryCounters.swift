/// What the registry did not apply or had to drop, for the dashboard's health line.
public struct RegistryCounters: Sendable, Hashable {
    public var applied: Int = 0
    public var duplicates: Int = 0
    public var outOfOrder: Int = 0
    public var refused: Int = 0
    /// Versions dropped to stay under `maxVersionsPerModel`.
    public var evictedVersions: Int = 0
    /// Serving instances dropped to stay under the per-version cap.
    public var evictedInstances: Int = 0

    public init() {}
}
