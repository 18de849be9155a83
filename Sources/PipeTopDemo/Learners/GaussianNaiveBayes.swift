import Foundation

/// Gaussian naive Bayes learnt incrementally: per class, a count and each feature's running
/// mean and sum of squared deviations (Welford), so one record at a time suffices.
public struct GaussianNaiveBayes: BinaryClassifier, Hashable {
    public static let kind = "gaussian_naive_bayes"

    public let featureCount: Int
    /// Added to every variance so a constant feature does not divide by zero.
    public var varianceFloor: Double
    /// Records seen per class: index 0 is `false`, 1 is `true`.
    public private(set) var counts: [Double]
    /// Running means, `means[class][feature]`.
    public private(set) var means: [[Double]]
    /// Running sums of squared deviations from the mean, `squares[class][feature]`.
    public private(set) var squares: [[Double]]

    public init(featureCount: Int, varianceFloor: Double = 1e-6) {
        let d = max(0, featureCount)
        self.featureCount = d
        self.varianceFloor = varianceFloor
        counts = [0, 0]
        means = [[Double]](repeating: [Double](repeating: 0, count: d), count: 2)
        squares = means
    }

    /// Variance of `feature` within class `label` (population variance plus the floor).
    public func variance(feature: Int, label: Bool) -> Double {
        let c = label ? 1 : 0
        guard counts[c] > 0, feature >= 0, feature < featureCount else { return varianceFloor }
        return squares[c][feature] / counts[c] + varianceFloor
    }

    public func predictProbability(_ features: [Double]) -> Double {
        switch (counts[0] > 0, counts[1] > 0) {
        case (false, false): return 0.5
        case (true, false): return 0
        case (false, true): return 1
        case (true, true): break
        }
        let difference = logJoint(features, label: true) - logJoint(features, label: false)
        return LogisticRegression.sigmoid(difference)
    }

    public mutating func update(features: [Double], label: Bool) {
        let c = label ? 1 : 0
        counts[c] += 1
        let n = counts[c]
        for f in 0..<featureCount {
            let x = f < features.count ? features[f] : 0
            let delta = x - means[c][f]
            means[c][f] += delta / n
            squares[c][f] += delta * (x - means[c][f])
        }
    }

    /// Learns every record of `batch`; one pass is all naive Bayes needs.
    public mutating func fit(_ batch: [LabelledRecord]) {
        for record in batch {
            update(features: record.features, label: record.label)
        }
    }

    // Parameters: featureCount, varianceFloor, count₀, count₁, means₀…, means₁…, squares₀…, squares₁….
    public func serialize() -> String {
        var p = [Double(featureCount), varianceFloor] + counts
        p += means[0] + means[1] + squares[0] + squares[1]
        return ParameterCodec.encode(kind: Self.kind, parameters: p)
    }

    public static func deserialize(_ text: String) throws(ModelArtifactError) -> GaussianNaiveBayes {
        let p = try ParameterCodec.decode(text, kind: kind)
        guard let first = p.first else { throw .inconsistent("no parameters") }
        let d = try ParameterCodec.integer(first, in: 0...1_000_000, name: "featureCount")
        guard p.count == 4 + 4 * d else {
            throw .inconsistent("\(p.count) parameters for \(d) features, expected \(4 + 4 * d)")
        }
        guard p[1] > 0, p[2] >= 0, p[3] >= 0 else {
            throw .inconsistent("variance floor must be positive and counts non-negative")
        }
        var model = GaussianNaiveBayes(featureCount: d, varianceFloor: p[1])
        model.counts = [p[2], p[3]]
        let block = { (k: Int) in Array(p[(4 + k * d)..<(4 + (k + 1) * d)]) }
        model.means = [block(0), block(1)]
        model.squares = [block(2), block(3)]
        guard model.squares.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw .inconsistent("a sum of squared deviations is negative")
        }
        return model
    }

    /// log P(label) + Σ log N(x_f; mean, variance), up to a constant shared by both classes.
    private func logJoint(_ features: [Double], label: Bool) -> Double {
        let c = label ? 1 : 0
        var total = log(counts[c] / (counts[0] + counts[1]))
        for f in 0..<featureCount {
            let x = f < features.count ? features[f] : 0
            let v = variance(feature: f, label: label)
            let delta = x - means[c][f]
            total -= 0.5 * (log(v) + delta * delta / v)
        }
        return total
    }
}
