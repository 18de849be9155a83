/// Why a summary (`metrics.histograms`) could not feed a version's drift.
public enum SummaryRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The version's model event shipped no reference for the value: there are no edges the
    /// scorers could have counted over.
    case noReference
    /// The counts are not one per bin of the reference.
    case bins(expected: Int, got: Int)

    public var description: String {
        switch self {
        case .noReference: "no shipped reference to count over"
        case .bins(let expected, let got): "\(got) counts for a reference of \(expected) bins"
        }
    }
}
