import PipeTopCore

/// SEA concepts stream: three features uniform in [0, 10), label = x0 + x1 ≤ θ (x2 is
/// irrelevant); θ changes abruptly at a configured record (sudden concept drift).
public struct SEAStream: RecordStream {
    /// How the stream is shaped; the defaults are SEA's concepts 1 → 4 with 10 % label noise.
    public struct Configuration: Sendable, Hashable {
        /// Threshold θ before the change.
        public var thresholdBefore: Double
        /// Threshold θ from `changeIndex` on.
        public var thresholdAfter: Double
        /// First record index labelled by `thresholdAfter`.
        public var changeIndex: Int
        /// Probability that a record's label is flipped.
        public var labelNoise: Double
        /// Optional shift of one feature's mean; the label follows the shifted point.
        public var covariateDrift: CovariateDrift?
        /// Features are reported as (x − featureCenter) / featureScale (center 5 and scale 5
        /// put them in [−1, 1), which SGD learners converge on much faster); thresholds and
        /// drift stay in SEA's units.
        public var featureCenter: Double
        public var featureScale: Double

        public init(
            thresholdBefore: Double = 8, thresholdAfter: Double = 9.5, changeIndex: Int = 10_000,
            labelNoise: Double = 0.1, covariateDrift: CovariateDrift? = nil, featureCenter: Double = 0,
            featureScale: Double = 1
        ) {
            self.featureCenter = featureCenter
            self.featureScale = featureScale
            self.thresholdBefore = thresholdBefore
            self.thresholdAfter = thresholdAfter
            self.changeIndex = changeIndex
            self.labelNoise = labelNoise
            self.covariateDrift = covariateDrift
        }
    }

    public static let dimensions = 3
    public let configuration: Configuration
    /// Names of the features: `x0`, `x1`, `x2`.
    public let names = ["x0", "x1", "x2"]
    /// Index of the next record.
    public private(set) var index = 0
    private var generator: SplitMix64

    public init(configuration: Configuration = Configuration(), generator: SplitMix64) {
        self.configuration = configuration
        self.generator = generator
    }

    /// The threshold θ in force for record `index`.
    public func threshold(at index: Int) -> Double {
        index < configuration.changeIndex ? configuration.thresholdBefore : configuration.thresholdAfter
    }

    /// Writes the next record's features into `features` (resized if needed) and returns its
    /// label: the allocation-free path for the serving loop.
    public mutating func next(into features: inout [Double]) -> Bool {
        if features.count != Self.dimensions { features = [Double](repeating: 0, count: Self.dimensions) }
        for f in 0..<Self.dimensions {
            var x = generator.uniform(0, 10)
            if let drift = configuration.covariateDrift { x += drift.offset(feature: f, index: index) }
            features[f] = x
        }
        let truth = features[0] + features[1] <= threshold(at: index)
        if configuration.featureCenter != 0 || configuration.featureScale != 1 {
            for f in 0..<Self.dimensions {
                features[f] = (features[f] - configuration.featureCenter) / configuration.featureScale
            }
        }
        index += 1
        let flip = configuration.labelNoise > 0 && generator.bernoulli(configuration.labelNoise)
        return truth != flip
    }
}
