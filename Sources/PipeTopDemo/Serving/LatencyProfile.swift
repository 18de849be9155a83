import Foundation
import PipeTopCore

/// The service time of one model version on one scorer, in microseconds: log-normal around a
/// median, as measured service times tend to be. Scoring itself takes well under a
/// microsecond in-process, so the demo models the network and feature-fetch time a real
/// scoring service spends around it.
public struct LatencyProfile: Sendable, Hashable {
    public var medianUs: Double
    /// Standard deviation of the log of the latency.
    public var sigma: Double

    public init(medianUs: Double, sigma: Double = 0.35) {
        self.medianUs = medianUs
        self.sigma = sigma
    }

    /// One draw.
    @inline(__always)
    public func sample(_ rng: inout SplitMix64) -> Double {
        (medianUs * exp(sigma * rng.gaussian())).rounded()
    }
}
