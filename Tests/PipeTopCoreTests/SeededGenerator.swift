import Foundation
import PipeTopCore

/// The tests' seeded generator: the library's SplitMix64, so streams replay exactly.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// A normal variate by Box–Muller; precision is irrelevant here, determinism is not.
    mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
