/// Which learner a demo pipeline trains.
public enum LearnerKind: String, Sendable, Hashable, CaseIterable {
    case logisticRegression = "logistic_regression"
    case naiveBayes = "gaussian_naive_bayes"

    /// Short suffix for model names (`fraud-lr`).
    public var suffix: String {
        switch self {
        case .logisticRegression: "lr"
        case .naiveBayes: "nb"
        }
    }

    /// Median service time of one scoring call (see `LatencyProfile`).
    public var medianLatencyUs: Double {
        switch self {
        case .logisticRegression: 600
        case .naiveBayes: 900
        }
    }
}
