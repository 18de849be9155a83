/// Why drift could not be computed from the given inputs.
public enum DriftError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Bins must be between 2 and `DriftComparison.maxBins`.
    case invalidBins(Int)
    case emptyReference
    case emptyCurrent
    /// A NaN or infinity in a raw sample; which side, and its position (0-based).
    case nonFinite(side: String, index: Int)
    /// A shipped reference histogram that cannot define bins.
    case invalidHistogram(String)

    public var description: String {
        switch self {
        case .invalidBins(let bins):
            "bins must be between \(DriftComparison.minBins) and \(DriftComparison.maxBins), got \(bins)"
        case .emptyReference:
            "the reference sample is empty"
        case .emptyCurrent:
            "the current sample is empty"
        case .nonFinite(let side, let index):
            "the \(side) sample has a non-finite value at index \(index)"
        case .invalidHistogram(let why):
            "invalid reference histogram: \(why)"
        }
    }
}
