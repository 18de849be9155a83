import Foundation

/// Kolmogorov's limiting distribution, whose survival function turns a KS statistic into a p-value.
public enum Kolmogorov: Sendable {
    /// Below this λ the alternating series `2Σ(−1)^(k−1)e^(−2k²λ²)` needs many terms and loses
    /// digits to cancellation, so the Jacobi theta form of the CDF is used instead; at the
    /// cut-over both forms need only three or four terms (scipy/cephes switch at the same point).
    static let cutover = 0.82

    /// `Q(λ) = P(K > λ)`, as `scipy.special.kolmogorov(λ)`; 1 for λ ≤ 0 and NaN for NaN.
    public static func survival(_ lambda: Double) -> Double {
        if lambda.isNaN { return .nan }
        if lambda <= 0 { return 1 }
        if lambda <= cutover {
            return 1 - thetaCDF(lambda)
        }
        return alternatingSurvival(lambda)
    }

    /// `P(K ≤ λ) = (√(2π)/λ)·Σₖ₌₁ e^(−(2k−1)²π²/(8λ²))`, written as `w·u·(1 + u⁸ + u²⁴ + …)`
    /// with `u = e^(−π²/(8λ²))`: every term is positive, so nothing cancels.
    static func thetaCDF(_ lambda: Double) -> Double {
        let logU = -Double.pi * Double.pi / (8 * lambda * lambda)
        // Past this the CDF is below the smallest double: Q is exactly 1.
        if logU < -745 { return 0 }
        let u = exp(logU)
        let w = (2 * Double.pi).squareRoot() / lambda
        var sum = 0.0
        var k = 1
        while k < 50 {
            let power = Double((2 * k - 1) * (2 * k - 1) - 1)
            let term = pow(u, power)
            sum += term
            if term <= sum * 1e-17 { break }
            k += 1
        }
        return min(1, w * u * sum)
    }

    /// `Q(λ) = 2·Σₖ₌₁ (−1)^(k−1)·e^(−2k²λ²)`; above the cut-over the terms fall so fast that
    /// a handful suffices.
    static func alternatingSurvival(_ lambda: Double) -> Double {
        let logV = -2 * lambda * lambda
        var sum = 0.0
        var sign = 1.0
        var k = 1
        while k < 100 {
            let kk = Double(k * k)
            let term = exp(logV * kk)
            sum += sign * term
            if term <= abs(sum) * 1e-17 || term == 0 { break }
            sign = -sign
            k += 1
        }
        return max(0, min(1, 2 * sum))
    }
}
