import Foundation
import PipeTopCore

/// The few distributions the demo streams draw from, on top of PipeTopCore's generator.
extension SplitMix64 {
    /// Uniform in [0, 1), from the top 53 bits.
    @inline(__always)
    mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in [lower, upper).
    @inline(__always)
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unitDouble()
    }

    /// True with probability `p` (never for p ≤ 0, always for p ≥ 1).
    @inline(__always)
    mutating func bernoulli(_ p: Double) -> Bool {
        unitDouble() < p
    }

    /// Standard normal by Box–Muller; one of the pair is discarded to keep the state a single word.
    mutating func gaussian() -> Double {
        let u = 1 - unitDouble()  // (0, 1], so the log is finite
        let v = unitDouble()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
