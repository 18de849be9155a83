import Foundation

/// Logistic regression trained online by SGD with L2 regularisation and a decaying step size,
/// η_t = η₀ / (1 + decay·t).
public struct LogisticRegression: BinaryClassifier, Hashable {
    public static let kind = "logistic_regression"
    /// Probabilities are clamped this far from 0 and 1 so that log loss stays finite.
    public static let probabilityEpsilon = 1e-15

    public private(set) var weights: [Double]
    public private(set) var bias: Double
    /// Initial step size η₀.
    public var learningRate: Double
    /// How fast the step size decays per update.
    public var decay: Double
    /// L2 penalty on the weights (not the bias).
    public var l2: Double
    /// Updates seen so far (t in the schedule).
    public private(set) var steps: Int

    public var featureCount: Int { weights.count }

    public init(featureCount: Int, learningRate: Double = 0.5, decay: Double = 1e-4, l2: Double = 1e-5) {
        weights = [Double](repeating: 0, count: max(0, featureCount))
        bias = 0
        self.learningRate = learningRate
        self.decay = decay
        self.l2 = l2
        steps = 0
    }

    /// The step size of the next update.
    public var currentLearningRate: Double {
        learningRate / (1 + decay * Double(steps))
    }

    public func predictProbability(_ features: [Double]) -> Double {
        Self.sigmoid(margin(features))
    }

    public mutating func update(features: [Double], label: Bool) {
        let error = predictProbability(features) - (label ? 1 : 0)
        let eta = currentLearningRate
        let n = min(weights.count, features.count)
        for i in 0..<n {
            weights[i] -= eta * (error * features[i] + l2 * weights[i])
        }
        for i in n..<weights.count {
            weights[i] -= eta * l2 * weights[i]
        }
        bias -= eta * error
        steps += 1
    }

    /// `epochs` passes of SGD over `batch`, in order.
    public mutating func fit(_ batch: [LabelledRecord], epochs: Int = 1) {
        for _ in 0..<max(0, epochs) {
            for record in batch {
                update(features: record.features, label: record.label)
            }
        }
    }

    /// Log loss of one prediction, with the probability clamped to [ε, 1 − ε].
    public static func logLoss(probability: Double, label: Bool) -> Double {
        let p = min(max(probability, probabilityEpsilon), 1 - probabilityEpsilon)
        return label ? -log(p) : -log(1 - p)
    }

    // Parameters: featureCount, bias, weights…, learningRate, decay, l2, steps.
    public func serialize() -> String {
        ParameterCodec.encode(
            kind: Self.kind,
            parameters: [Double(weights.count), bias] + weights + [learningRate, decay, l2, Double(steps)]
        )
    }

    public static func deserialize(_ text: String) throws(ModelArtifactError) -> LogisticRegression {
        let p = try ParameterCodec.decode(text, kind: kind)
        guard let first = p.first else { throw .inconsistent("no parameters") }
        let d = try ParameterCodec.integer(first, in: 0...1_000_000, name: "featureCount")
        guard p.count == d + 6 else {
            throw .inconsistent("\(p.count) parameters for \(d) features, expected \(d + 6)")
        }
        var model = LogisticRegression(featureCount: d, learningRate: p[d + 2], decay: p[d + 3], l2: p[d + 4])
        model.bias = p[1]
        model.weights = Array(p[2..<(d + 2)])
        model.steps = try ParameterCodec.integer(p[d + 5], in: 0...(1 << 53), name: "steps")
        return model
    }

    private func margin(_ features: [Double]) -> Double {
        var z = bias
        for i in 0..<min(weights.count, features.count) {
            z += weights[i] * features[i]
        }
        return z
    }

    /// 1 / (1 + e^−z), written so neither branch overflows.
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}
