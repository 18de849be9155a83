import Foundation

/// The drift definitions of docs/drift.md as pure functions, each written to reproduce numpy/scipy
/// to the last few ulps so that numbers shown by pipetop can be checked against a notebook.
public enum DriftMath: Sendable {
    /// Stand-in for an empty share in PSI, so that `ln(q/p)` stays finite (no renormalisation).
    public static let emptyShare = 1e-6

    /// The `bins − 1` inner edges of equal-frequency bins: the quantiles of `sorted` at
    /// `k/bins`, k = 1…bins−1, interpolated linearly exactly as `np.quantile` does.
    /// `sorted` must be ascending and non-empty; `bins` must be ≥ 1.
    public static func quantileEdges(sorted: [Double], bins: Int) -> [Double] {
        guard bins > 1, !sorted.isEmpty else { return [] }
        var edges = [Double]()
        edges.reserveCapacity(bins - 1)
        for k in 1..<bins {
            edges.append(quantile(sorted: sorted, Double(k) / Double(bins)))
        }
        return edges
    }

    /// One quantile of an ascending sample, numpy's default ("linear", method 7).
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        let n = sorted.count
        guard n > 0 else { return .nan }
        let virtualIndex = Double(n - 1) * q
        // numpy clamps at both ends before interpolating.
        if virtualIndex >= Double(n - 1) { return sorted[n - 1] }
        if virtualIndex < 0 { return sorted[0] }
        let previousIndex = virtualIndex.rounded(.down)
        let lower = Int(previousIndex)
        let a = sorted[lower]
        let b = sorted[lower + 1]
        let gamma = virtualIndex - previousIndex
        // numpy's `_lerp` interpolates from the nearer end, which keeps the result
        // monotonic in gamma; copying it is what makes the edges bit-identical.
        let difference = b - a
        if gamma >= 0.5 {
            return b - difference * (1 - gamma)
        }
        return a + difference * gamma
    }

    /// The bin of `x`: the number of edges ≤ x (`np.searchsorted(edges, x, side="right")`),
    /// so a value equal to an edge goes to the bin above it. Edges are ascending.
    @inline(__always)
    public static func bin(of x: Double, edges: [Double]) -> Int {
        // This runs for the score and every feature of every scored record, and which way a
        // comparison goes is a coin flip the branch predictor keeps losing. The compiler turns
        // selects on a comparison (binary search or count) back into branches, so the usual
        // handful of edges is counted by arithmetic: for finite x, `x − edge` has its sign bit
        // set exactly when x < edge (a difference of distinct doubles is never zero), once x is
        // not −0 (−0 − 0 is −0, yet −0 is not below 0: adding 0 turns −0 into +0).
        edges.withUnsafeBufferPointer { e in
            if e.count <= 32 && x.isFinite {
                let x = x + 0.0
                var n = e.count
                for edge in e { n &-= Int(truncatingIfNeeded: (x - edge).bitPattern >> 63) }
                return n
            }
            var first = 0
            var count = e.count
            while count > 0 {
                let half = count >> 1
                let right = e[first + half] <= x
                first = right ? first + half + 1 : first
                count = right ? count - half - 1 : half
            }
            return first
        }
    }

    /// Population stability index `Σ (qᵢ − pᵢ)·ln(qᵢ/pᵢ)`, empty shares replaced by 1e-6.
    public static func psi(reference p: [Double], current q: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<min(p.count, q.count) {
            sum += psiTerm(reference: p[i], current: q[i])
        }
        return sum
    }

    /// One bin's term of the PSI, `(q − p)·ln(q/p)` with an empty share replaced by 1e-6: what
    /// the bin adds to the index, never negative.
    @inline(__always)
    public static func psiTerm(reference p: Double, current q: Double) -> Double {
        let pi = p == 0 ? emptyShare : p
        let qi = q == 0 ? emptyShare : q
        return (qi - pi) * log(qi / pi)
    }

    /// Jensen–Shannon distance in base 2 over raw shares, as
    /// `scipy.spatial.distance.jensenshannon(p, q, base=2)` (which renormalises each side).
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        let count = min(p.count, q.count)
        let pSum = p.prefix(count).reduce(0, +)
        let qSum = q.prefix(count).reduce(0, +)
        guard pSum > 0, qSum > 0 else { return .nan }
        var left = 0.0
        var right = 0.0
        for i in 0..<count {
            let pi = p[i] / pSum
            let qi = q[i] / qSum
            let mi = (pi + qi) / 2.0
            left += relativeEntropy(pi, mi)
            right += relativeEntropy(qi, mi)
        }
        let js = (left + right) / log(2.0)
        // Rounding can leave a hair below zero for identical inputs; the distance is 0 there.
        return (max(0, js) / 2.0).squareRoot()
    }

    /// `scipy.special.rel_entr`: x·ln(x/y), 0 when x is 0.
    @inline(__always)
    static func relativeEntropy(_ x: Double, _ y: Double) -> Double {
        if x > 0 && y > 0 { return x * log(x / y) }
        if x == 0 && y >= 0 { return 0 }
        return .infinity
    }

    /// Two-sided two-sample KS statistic over ascending samples, as
    /// `scipy.stats.ks_2samp(ref, cur).statistic`: the largest gap between the empirical CDFs,
    /// evaluated after all copies of a tied value, in O(n + m).
    public static func ksStatistic(sortedReference a: [Double], sortedCurrent b: [Double]) -> Double {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0 else { return .nan }
        let dn = Double(n)
        let dm = Double(m)
        var i = 0
        var j = 0
        var d = 0.0
        while i < n || j < m {
            let x: Double
            if j >= m || (i < n && a[i] <= b[j]) {
                x = a[i]
            } else {
                x = b[j]
            }
            while i < n && a[i] <= x { i += 1 }
            while j < m && b[j] <= x { j += 1 }
            // Same divisions as scipy (`searchsorted / n`), so ties and rounding agree.
            let gap = abs(Double(i) / dn - Double(j) / dm)
            if gap > d { d = gap }
        }
        return min(1, d)
    }

    /// KS from binned distributions, as pipetop computes it when only counts per bin are known
    /// (summaries): the largest gap between the cumulative shares at the inner edges,
    /// `max_k |Σ_{i<k} pᵢ − Σ_{i<k} qᵢ|` for k = 1…B−1, and how far the exact statistic of the
    /// samples behind the shares can lie above it, `max_i min(pᵢ, qᵢ)`.
    ///
    /// Why that bound: the shares are the empirical CDFs just below each edge, `F(e_k−)`. For x
    /// in bin i (`e_{i} ≤ x < e_{i+1}`, with e₀ = −∞), each CDF lies between its cumulative
    /// shares at the bin's two ends, so `F_ref(x) − F_cur(x) ≤ (P_{i+1} − Q_{i+1}) + qᵢ` and
    /// `≤ (Pᵢ − Qᵢ) + pᵢ`: at most the binned statistic plus `min(pᵢ, qᵢ)`, and the same the
    /// other way round. The binned statistic itself is a gap the exact one also sees (just
    /// below an edge), so `binned ≤ exact ≤ binned + bound` (and ≤ 1).
    public static func binnedKS(reference p: [Double], current q: [Double]) -> (statistic: Double, bound: Double) {
        let count = min(p.count, q.count)
        guard count > 0 else { return (.nan, .nan) }
        var cumulativeP = 0.0
        var cumulativeQ = 0.0
        var d = 0.0
        var bound = 0.0
        for i in 0..<count {
            bound = max(bound, min(p[i], q[i]))
            guard i < count - 1 else { break }
            cumulativeP += p[i]
            cumulativeQ += q[i]
            d = max(d, abs(cumulativeP - cumulativeQ))
        }
        return (min(1, d), min(bound, 1 - min(1, d)))
    }

    /// Kolmogorov's asymptotic p-value `Q(√(n·m/(n+m))·D)`.
    public static func ksPValue(statistic d: Double, n: Int, m: Int) -> Double {
        guard n > 0, m > 0 else { return .nan }
        let dn = Double(n)
        let dm = Double(m)
        return Kolmogorov.survival((dn * dm / (dn + dm)).squareRoot() * d)
    }
}
