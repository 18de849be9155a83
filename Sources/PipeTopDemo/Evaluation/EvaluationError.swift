/// Why a batch of scores could not be summarised.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyScores
    case nonFiniteScore(index: Int)
    case invalidBins(Int)

    public var description: String {
        switch self {
        case .emptyScores:
            return "no scores to build a reference histogram from"
        case .nonFiniteScore(let index):
            return "score \(index) is not a finite number"
        case .invalidBins(let bins):
            return "bins must be between 2 and 1000, got \(bins)"
        }
    }
}
