/// Drift between two complete raw samples, as `pipetop drift` computes it from two files.
public enum DriftComparison: Sendable {
    public static let minBins = 2
    /// More bins than this cannot be filled meaningfully by any window pipetop keeps.
    public static let maxBins = 1_000

    /// Bins from the reference's quantiles, shares of both samples over them, PSI, JS, and KS
    /// over the full samples. Inputs need not be sorted; every value must be finite.
    /// With `summaries`, the current sample is used only as counts per bin, as a scorer's
    /// summaries (`metrics.histograms`) would give it: the same PSI and JS, KS from the binned
    /// CDFs (approximate, with the bound on the exact one).
    public static func compare(
        reference: [Double], current: [Double], bins: Int, settings: DriftSettings = DriftSettings(), summaries: Bool = false
    ) throws(DriftError) -> DriftReport {
        guard (minBins...maxBins).contains(bins) else { throw .invalidBins(bins) }
        guard !reference.isEmpty else { throw .emptyReference }
        guard !current.isEmpty else { throw .emptyCurrent }
        if let index = reference.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(side: "reference", index: index)
        }
        if let index = current.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(side: "current", index: index)
        }
        let sortedReference = reference.sorted()
        let sortedCurrent = current.sorted()
        let edges = DriftMath.quantileEdges(sorted: sortedReference, bins: bins)
        if summaries {
            return DriftReport.computeBinned(
                referenceShares: shares(of: sortedReference, edges: edges), currentShares: shares(of: current, edges: edges),
                referenceCount: reference.count, currentCount: current.count, settings: settings)
        }
        return DriftReport.compute(
            referenceShares: shares(of: sortedReference, edges: edges),
            currentShares: shares(of: sortedCurrent, edges: edges),
            sortedReference: sortedReference, sortedCurrent: sortedCurrent,
            referenceCount: reference.count, currentCount: current.count, settings: settings
        )
    }

    /// Fraction of `values` in each of the `edges.count + 1` bins.
    public static func shares(of values: [Double], edges: [Double]) -> [Double] {
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for x in values {
            counts[DriftMath.bin(of: x, edges: edges)] += 1
        }
        let total = Double(values.count)
        return counts.map { Double($0) / total }
    }
}
