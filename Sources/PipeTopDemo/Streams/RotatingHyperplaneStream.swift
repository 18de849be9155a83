import Foundation
import PipeTopCore

/// Rotating-hyperplane stream: features uniform in [0, 1)^d, label = which side of a hyperplane
/// through the centre the point lies on; the hyperplane turns gradually (concept drift).
public struct RotatingHyperplaneStream: RecordStream {
    /// How the stream is shaped; every field has a default that gives a gently drifting stream.
    public struct Configuration: Sendable, Hashable {
        /// Number of features, at least 2 (rotation needs a plane).
        public var dimensions: Int
        /// Angle in radians the hyperplane turns per 1,000 records once drift has started.
        public var rotationPerThousand: Double
        /// First record index at which the hyperplane starts turning.
        public var driftStartIndex: Int
        /// Probability that a record's label is flipped.
        public var labelNoise: Double
        /// Optional shift of one feature's mean; the label follows the shifted point.
        public var covariateDrift: CovariateDrift?

        public init(
            dimensions: Int = 5, rotationPerThousand: Double = 0.05, driftStartIndex: Int = 0,
            labelNoise: Double = 0, covariateDrift: CovariateDrift? = nil
        ) {
            self.dimensions = dimensions
            self.rotationPerThousand = rotationPerThousand
            self.driftStartIndex = driftStartIndex
            self.labelNoise = labelNoise
            self.covariateDrift = covariateDrift
        }
    }

    public let configuration: Configuration
    /// Names of the features: `x0`, `x1`, ….
    public let names: [String]
    /// Index of the next record.
    public private(set) var index = 0
    private var generator: SplitMix64
    /// Unit normal of the hyperplane before drift.
    private let initialNormal: [Double]
    /// Unit vector orthogonal to `initialNormal`: the normal turns in their plane.
    private let turnDirection: [Double]

    /// A stream drawing from `generator`; the initial hyperplane is drawn from it too, so a seed
    /// fixes both the concept and the records. Fewer than 2 dimensions are raised to 2.
    public init(configuration: Configuration = Configuration(), generator: SplitMix64) {
        var configuration = configuration
        configuration.dimensions = max(2, configuration.dimensions)
        self.configuration = configuration
        var generator = generator
        let d = configuration.dimensions
        names = (0..<d).map { "x\($0)" }
        var draws = [Double]()
        for _ in 0..<(2 * d) { draws.append(generator.gaussian()) }
        self.generator = generator
        let normal = Self.unit(Array(draws[0..<d]), fallbackAxis: 0)
        var other = Array(draws[d...])
        let projection = zip(other, normal).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<d { other[i] -= projection * normal[i] }
        initialNormal = normal
        turnDirection = Self.unit(other, fallbackAxis: normal[0].magnitude < 0.9 ? 0 : 1)
    }

    /// The hyperplane's unit normal in force for record `index`.
    public func normal(at index: Int) -> [Double] {
        let angle = self.angle(at: index)
        let c = cos(angle), s = sin(angle)
        return zip(initialNormal, turnDirection).map { c * $0 + s * $1 }
    }

    /// Writes the next record's features into `features` (resized if needed) and returns its
    /// label: the allocation-free path for the serving loop.
    public mutating func next(into features: inout [Double]) -> Bool {
        let d = configuration.dimensions
        if features.count != d { features = [Double](repeating: 0, count: d) }
        let angle = self.angle(at: index)
        let c = cos(angle), s = sin(angle)
        var side = 0.0
        for f in 0..<d {
            var x = generator.unitDouble()
            if let drift = configuration.covariateDrift { x += drift.offset(feature: f, index: index) }
            features[f] = x
            side += (c * initialNormal[f] + s * turnDirection[f]) * (x - 0.5)
        }
        index += 1
        let flip = configuration.labelNoise > 0 && generator.bernoulli(configuration.labelNoise)
        return (side > 0) != flip
    }

    private func angle(at index: Int) -> Double {
        let elapsed = max(0, index - configuration.driftStartIndex)
        return configuration.rotationPerThousand * Double(elapsed) / 1_000
    }

    /// `v` scaled to length 1, or a unit axis when `v` is (numerically) zero.
    private static func unit(_ v: [Double], fallbackAxis: Int) -> [Double] {
        let length = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 1e-12 else {
            return v.indices.map { $0 == fallbackAxis ? 1 : 0 }
        }
        return v.map { $0 / length }
    }
}
