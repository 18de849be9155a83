/// Every version a pipeline knows, in one place: its lifecycle state as the controller checks
/// it (`book`), the versions the scorers hold loaded and their roles (`lineup`), and each
/// version's model, kept so that a version unloaded since can serve again. Only the lifecycle
/// operations below change them, each updating all three, so they never disagree.
struct VersionLifecycle<Model: BinaryClassifier>: Sendable {
    private(set) var book = VersionBook()
    private(set) var lineup = Lineup<Model>()
    /// Every known version's model (bounded with the book; the primary's is always kept).
    private var models: [Int: Model] = [:]
    /// The median service time of the pipeline's learner, for a version loaded again.
    private let medianLatencyUs: Double

    init(medianLatencyUs: Double) {
        self.medianLatencyUs = medianLatencyUs
    }

    /// Which versions serve, and how well they do on recent labelled records.
    var servingState: ServingState {
        var accuracy: [Int: Double] = [:]
        for v in lineup.versions { accuracy[v.version] = v.recent.accuracy }
        return ServingState(
            primary: lineup.primaryVersion, candidates: lineup.candidateVersions, previous: lineup.previousVersion,
            accuracy: accuracy)
    }

    /// `version` could not be loaded.
    mutating func fail(_ version: Int, detail: String) {
        book.markFailed(version, detail: detail)
    }

    /// Loads `version` with `model` and `latency`. The first version loaded waits to be promoted
    /// (nil); any later one becomes the candidate and retires the candidates before it, which
    /// are returned.
    mutating func load(_ version: Int, model: Model, latency: LatencyProfile) -> [Int]? {
        models[version] = model
        pruneModels()
        lineup.addCandidate(ServedVersion(version: version, model: model, latency: latency))
        if lineup.primary == nil { return nil }
        book.addCandidate(version)
        let superseded = book.candidates.filter { $0 != version }
        for older in superseded {
            book.retire(older, detail: "superseded by v\(version)")
            lineup.remove(older)
        }
        return superseded
    }

    /// Makes `version` serve, loading it again if it was unloaded.
    mutating func promote(_ version: Int) {
        reload(version)
        lineup.promote(version)
        book.promote(version)
    }

    /// Withdraws the primary and has `version` serve again, loading it again if it was unloaded.
    mutating func rollBack(to version: Int) {
        reload(version)
        lineup.rollBack(to: version)
        book.rollBack(to: version)
    }

    /// Unloads `version` and marks it retired with `detail`.
    mutating func retire(_ version: Int, detail: String) {
        lineup.remove(version)
        book.retire(version, detail: detail)
    }

    /// Records, for every loaded version, whether it was right about a labelled record.
    mutating func learn(features: [Double], label: Bool) {
        lineup.updateAll { $0.learnOutcome(features: features, label: label) }
    }

    private mutating func reload(_ version: Int) {
        guard lineup.index(of: version) == nil, let model = models[version] else { return }
        lineup.addCandidate(ServedVersion(
            version: version, model: model, latency: LatencyProfile(medianUs: medianLatencyUs)))
    }

    private mutating func pruneModels() {
        guard models.count > book.capacity else { return }
        for v in models.keys.sorted().prefix(models.count - book.capacity) where book.state(of: v) != .primary {
            models[v] = nil
        }
    }
}
