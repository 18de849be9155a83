/// Drift of a current window against its reference: PSI, KS, JS, the window sizes and a verdict.
public struct DriftReport: Sendable, Hashable {
    /// Population stability index over the reference's equal-frequency bins.
    public var psi: Double
    /// Two-sample KS statistic; nil when the reference carries no raw sample. From summaries, the
    /// binned approximation (`ksApproximate`).
    public var ks: Double?
    /// `ks` comes from binned CDFs (`DriftMath.binnedKS`): the exact statistic lies between it
    /// and `ks + ksBound`.
    public var ksApproximate = false
    /// How far the exact KS can exceed an approximate `ks`; nil when `ks` is exact or absent.
    public var ksBound: Double?
    /// Kolmogorov's asymptotic p-value for `ks`; nil exactly when `ks` is.
    public var ksPValue: Double?
    /// Jensen–Shannon distance, base 2, over the same bins.
    public var js: Double
    /// Records behind the reference (the histogram's `n`, or the collected window).
    public var referenceCount: Int
    /// Records in the current window.
    public var currentCount: Int
    /// Both windows hold at least `DriftSettings.meaningfulCount` records.
    public var meaningful: Bool
    /// `DriftSeverity.classify` of the numbers, whether or not they are meaningful yet.
    public var severity: DriftSeverity

    public init(
        psi: Double, ks: Double?, ksPValue: Double?, js: Double,
        referenceCount: Int, currentCount: Int, meaningful: Bool, severity: DriftSeverity
    ) {
        self.psi = psi
        self.ks = ks
        self.ksPValue = ksPValue
        self.js = js
        self.referenceCount = referenceCount
        self.currentCount = currentCount
        self.meaningful = meaningful
        self.severity = severity
    }

    /// The severity alerts should act on: small windows are noise, so they never alert.
    public var alertSeverity: DriftSeverity {
        meaningful ? severity : .ok
    }

    /// Builds a report from bin shares and, when both are available, ascending raw samples
    /// for KS. `ksReferenceCount` is the size of the KS reference sample, which for a shipped
    /// histogram is its (≤ 1,000-value) sample rather than `referenceCount`.
    static func compute(
        referenceShares: [Double], currentShares: [Double],
        sortedReference: [Double]?, sortedCurrent: [Double]?,
        referenceCount: Int, currentCount: Int, settings: DriftSettings
    ) -> DriftReport {
        let psi = DriftMath.psi(reference: referenceShares, current: currentShares)
        let js = DriftMath.jensenShannon(referenceShares, currentShares)
        var ks: Double?
        var pValue: Double?
        if let a = sortedReference, let b = sortedCurrent, !a.isEmpty, !b.isEmpty {
            let d = DriftMath.ksStatistic(sortedReference: a, sortedCurrent: b)
            ks = d
            pValue = DriftMath.ksPValue(statistic: d, n: a.count, m: b.count)
        }
        let meaningful = referenceCount >= settings.meaningfulCount && currentCount >= settings.meaningfulCount
        return DriftReport(
            psi: psi, ks: ks, ksPValue: pValue, js: js,
            referenceCount: referenceCount, currentCount: currentCount, meaningful: meaningful,
            severity: DriftSeverity.classify(psi: psi, js: js, ksPValue: pValue, settings: settings)
        )
    }

    /// A report from bin shares alone (a window fed by summaries): PSI and JS exactly as
    /// `compute`, KS from the binned CDFs, marked approximate, with its p-value from the
    /// binned statistic and the two windows' sizes. The binned statistic is never above the
    /// exact one, so the p-value never below the exact one's: it warns only when the exact
    /// would too.
    static func computeBinned(
        referenceShares: [Double], currentShares: [Double], referenceCount: Int, currentCount: Int,
        settings: DriftSettings
    ) -> DriftReport {
        var report = compute(
            referenceShares: referenceShares, currentShares: currentShares, sortedReference: nil, sortedCurrent: nil,
            referenceCount: referenceCount, currentCount: currentCount, settings: settings)
        let (d, bound) = DriftMath.binnedKS(reference: referenceShares, current: currentShares)
        let pValue = DriftMath.ksPValue(statistic: d, n: referenceCount, m: currentCount)
        report.ks = d
        report.ksPValue = pValue
        report.ksApproximate = true
        report.ksBound = bound
        report.severity = DriftSeverity.classify(psi: report.psi, js: report.js, ksPValue: pValue, settings: settings)
        return report
    }
}
