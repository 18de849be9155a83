/// The versions a pipeline's scorers hold and their roles: one primary (the serving version),
/// the candidates being shadow-scored, and the previous primary (kept loaded for a fast
/// rollback, and a third voter for `consensus`).
public struct Lineup<Model: BinaryClassifier>: Sendable {
    public private(set) var versions: [ServedVersion<Model>] = []
    /// Index in `versions` of the primary; nil until the first version is promoted.
    public private(set) var primary: Int?
    /// Indices of the candidates, oldest first.
    public private(set) var candidates: [Int] = []
    /// Index of the version that served before the primary, if still loaded.
    public private(set) var previous: Int?

    public init() {}

    public func index(of version: Int) -> Int? {
        versions.firstIndex { $0.version == version }
    }

    public var primaryVersion: Int? { primary.map { versions[$0].version } }
    public var candidateVersions: [Int] { candidates.map { versions[$0].version } }
    public var previousVersion: Int? { previous.map { versions[$0].version } }

    /// Loads `served` as a candidate.
    public mutating func addCandidate(_ served: ServedVersion<Model>) {
        versions.append(served)
        candidates.append(versions.count - 1)
    }

    /// Makes `version` (loaded) the primary; the old primary becomes the previous one.
    public mutating func promote(_ version: Int) {
        guard let i = index(of: version), i != primary else { return }
        candidates.removeAll { $0 == i }
        if let p = primary { previous = p }
        if previous == i { previous = nil }
        primary = i
        compact()
    }

    /// Makes the previous primary serve again; the withdrawn primary is unloaded.
    public mutating func rollBack(to version: Int) {
        guard let i = index(of: version) else { return }
        candidates.removeAll { $0 == i }
        primary = i
        previous = nil
        compact()
    }

    /// Unloads a candidate.
    public mutating func remove(_ version: Int) {
        guard let i = index(of: version), i != primary else { return }
        candidates.removeAll { $0 == i }
        if previous == i { previous = nil }
        compact()
    }

    /// Runs `body` on the loaded version `version`.
    public mutating func update(_ version: Int, _ body: (inout ServedVersion<Model>) -> Void) {
        guard let i = index(of: version) else { return }
        body(&versions[i])
    }

    /// Runs `body` on every loaded version.
    public mutating func updateAll(_ body: (inout ServedVersion<Model>) -> Void) {
        for i in versions.indices { body(&versions[i]) }
    }

    /// Drops versions no role refers to, keeping the indices consistent.
    private mutating func compact() {
        let keep = Set([primary, previous].compactMap { $0} + candidates)
        guard keep.count < versions.count else { return }
        var remap: [Int: Int] = [:]
        var kept: [ServedVersion<Model>] = []
        for (i, v) in versions.enumerated() where keep.contains(i) {
            remap[i] = kept.count
            kept.append(v)
        }
        versions = kept
        primary = primary.flatMap { remap[$0] }
        previous = previous.flatMap { remap[$0] }
        candidates = candidates.compactMap { remap[$0] }
    }
}
