/// What a drift tracker's current window is made of.
public enum DriftSource: String, Sendable, Hashable {
    /// The scored records pipetop read.
    case records
    /// The scorers' own counts per bin (`metrics.histograms`): PSI and JS as from records,
    /// KS approximate.
    case summaries
}
