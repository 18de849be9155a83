@testable import PipeTopDemo

/// A model that gives every record the same score: lets strategy tests say exactly who answers.
struct ConstantModel: BinaryClassifier, Hashable {
    static let kind = "constant"
    var probability: Double
    var featureCount: Int { 1 }

    func predictProbability(_ features: [Double]) -> Double { probability }
    mutating func update(features: [Double], label: Bool) {}
    func serialize() -> String { "\(probability)" }

    static func deserialize(_ text: String) throws(ModelArtifactError) -> ConstantModel {
        guard let p = Double(text) else { throw .malformed(text) }
        return ConstantModel(probability: p)
    }
}

/// A served version of a constant model with a fixed service time (sigma 0).
func served(_ version: Int, score: Double, latencyUs: Double) -> ServedVersion<ConstantModel> {
    ServedVersion(
        version: version, model: ConstantModel(probability: score), latency: LatencyProfile(medianUs: latencyUs, sigma: 0))
}

/// A lineup with `primary` serving and `candidates` shadow-scored; `previous` served before.
func lineup(
    primary: ServedVersion<ConstantModel>, candidates: [ServedVersion<ConstantModel>] = [],
    previous: ServedVersion<ConstantModel>? = nil
) -> Lineup<ConstantModel> {
    var l = Lineup<ConstantModel>()
    if let previous {
        l.addCandidate(previous)
        l.promote(previous.version)
    }
    l.addCandidate(primary)
    l.promote(primary.version)
    for c in candidates { l.addCandidate(c) }
    return l
}
