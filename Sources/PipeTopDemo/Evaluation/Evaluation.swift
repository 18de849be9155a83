import PipeTopCore

/// Validation numbers a trainer publishes with a model version: accuracy, ROC AUC and the
/// reference histogram of its scores.
public enum Evaluation: Sendable {
    /// Most raw values a reference histogram carries for KS (the contract's `reference.sample`).
    public static let maxSample = 1_000

    /// Fraction of `batch` that `model` labels correctly (0 for an empty batch).
    public static func accuracy<Model: BinaryClassifier>(of model: Model, on batch: [LabelledRecord]) -> Double {
        guard !batch.isEmpty else { return 0 }
        var correct = 0
        for record in batch where model.predict(record.features) == record.label {
            correct += 1
        }
        return Double(correct) / Double(batch.count)
    }

    /// Fraction of `scores` on the right side of 0.5; pairs beyond the shorter array are ignored.
    public static func accuracy(scores: [Double], labels: [Bool]) -> Double {
        let n = min(scores.count, labels.count)
        guard n > 0 else { return 0 }
        var correct = 0
        for i in 0..<n where (scores[i] >= 0.5) == labels[i] {
            correct += 1
        }
        return Double(correct) / Double(n)
    }

    /// ROC AUC of `model` on `batch`.
    public static func rocAUC<Model: BinaryClassifier>(of model: Model, on batch: [LabelledRecord]) -> Double {
        rocAUC(scores: model.scores(batch), labels: batch.map(\.label))
    }

    /// ROC AUC as the Mann–Whitney statistic, ties counting one half (as sklearn's
    /// `roc_auc_score`); 0.5 when either class is absent, since AUC is then undefined.
    public static func rocAUC(scores: [Double], labels: [Bool]) -> Double {
        let n = min(scores.count, labels.count)
        let order = (0..<n).sorted { scores[$0] < scores[$1] }
        var positives = 0.0
        var positiveRankSum = 0.0
        var start = 0
        while start < n {
            var end = start
            while end + 1 < n && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            // Ranks start..end (1-based: start+1 … end+1) share their mean.
            let meanRank = Double(start + end + 2) / 2
            for k in start...end where labels[order[k]] {
                positives += 1
                positiveRankSum += meanRank
            }
            start = end + 1
        }
        let negatives = Double(n) - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// The reference distribution of a model's validation `scores`: equal-frequency edges from
    /// their quantiles, counts per bin (`edges.count + 1`), n, and up to 1,000 values for KS,
    /// taken at evenly spaced ranks so the sample has the same shape as the whole.
    public static func referenceHistogram(scores: [Double], bins: Int = 10) throws(EvaluationError) -> ReferenceHistogram {
        guard (DriftComparison.minBins...DriftComparison.maxBins).contains(bins) else { throw .invalidBins(bins) }
        guard !scores.isEmpty else { throw .emptyScores }
        if let index = scores.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteScore(index: index) }
        let sorted = scores.sorted()
        let edges = DriftMath.quantileEdges(sorted: sorted, bins: bins)
        var counts = [Double](repeating: 0, count: edges.count + 1)
        for x in sorted {
            counts[DriftMath.bin(of: x, edges: edges)] += 1
        }
        let sampleSize = min(sorted.count, maxSample)
        let sample = (0..<sampleSize).map { sorted[$0 * sorted.count / sampleSize] }
        return ReferenceHistogram(edges: edges, counts: counts, n: sorted.count, sample: sample)
    }
}
