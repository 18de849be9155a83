/// How far a distribution has drifted from its reference, in the terms alerts and the UI use.
public enum DriftSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case ok
    case warn
    case critical

    /// Ordered so that `max` of several severities is the worst one.
    var rank: Int {
        switch self {
        case .ok: 0
        case .warn: 1
        case .critical: 2
        }
    }

    public static func < (lhs: DriftSeverity, rhs: DriftSeverity) -> Bool {
        lhs.rank < rhs.rank
    }

    /// The severity rule, in one place:
    /// - critical when PSI ≥ `psiCritical` (PSI alone, because it is the metric operators
    ///   calibrate thresholds on and the one that grows with the size of the shift);
    /// - warn when PSI ≥ `psiWarn`, JS ≥ `jsWarn`, or the KS p-value (when there is one) is
    ///   below `ksPValue` — KS and JS only ever warn: on windows of thousands KS rejects
    ///   shifts far too small to act on, so it must not page anyone on its own;
    /// - ok otherwise. NaN metrics never raise the severity.
    public static func classify(psi: Double, js: Double, ksPValue: Double?, settings: DriftSettings) -> DriftSeverity {
        if psi >= settings.psiCritical { return .critical }
        if psi >= settings.psiWarn || js >= settings.jsWarn { return .warn }
        if let p = ksPValue, p < settings.ksPValue { return .warn }
        return .ok
    }
}
