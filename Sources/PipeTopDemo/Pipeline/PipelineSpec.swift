/// One pipeline of the demo: its name, data, learner and serving strategy.
public struct PipelineSpec: Sendable, Hashable {
    public var name: String
    public var stream: StreamSpec
    public var learner: LearnerKind
    public var strategy: ServingStrategy

    public init(name: String, stream: StreamSpec, learner: LearnerKind, strategy: ServingStrategy) {
        self.name = name
        self.stream = stream
        self.learner = learner
        self.strategy = strategy
    }

    public var modelName: String { "\(name)-\(learner.suffix)" }

    private static let names = ["fraud", "churn", "ctr", "spam", "reco", "risk", "search", "ads"]

    /// The demo's pipelines: `fraud` (abrupt concept drift with a covariate shift at `driftAtMs`,
    /// served `single`), `churn` (gradual rotation, `speculative`), `ctr` (naive Bayes under a
    /// covariate shift, `consensus`), `spam` (`quality`), then more of the same kinds.
    public static func defaults(count: Int, driftAtMs: Int64) -> [PipelineSpec] {
        (0..<max(1, count)).map { i in
            let base = names[i % names.count]
            let name = i < names.count ? base : "\(base)\(i / names.count + 1)"
            switch i % 4 {
            case 0:
                return PipelineSpec(
                    name: name, stream: .sea(changeAtMs: driftAtMs, covariateShift: 1.0),
                    learner: .logisticRegression, strategy: .single)
            case 1:
                return PipelineSpec(
                    name: name,
                    stream: .hyperplane(dimensions: 5, radiansPerMinute: 0.6, driftFromMs: driftAtMs / 2,
                                        covariateShift: 0, covariateAtMs: 0),
                    learner: .logisticRegression, strategy: .speculative)
            case 2:
                return PipelineSpec(
                    name: name,
                    stream: .hyperplane(dimensions: 4, radiansPerMinute: 0.1, driftFromMs: driftAtMs,
                                        covariateShift: 0.06, covariateAtMs: driftAtMs + driftAtMs / 3),
                    learner: .naiveBayes, strategy: .consensus)
            default:
                return PipelineSpec(
                    name: name,
                    stream: .hyperplane(dimensions: 5, radiansPerMinute: 0.8, driftFromMs: driftAtMs,
                                        covariateShift: 0.1, covariateAtMs: driftAtMs),
                    learner: .logisticRegression, strategy: .quality)
            }
        }
    }
}
