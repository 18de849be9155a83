/// A fixed-capacity ring of labelled outcomes of one model version: accuracy and ROC AUC.
///
/// `add` is O(1) and allocates nothing; AUC sorts a copy, so `summary()` caches it until
/// the next `add`.
public struct QualityWindow: Sendable {
    public let capacity: Int
    private var scores: [Double]
    /// 0 negative, 1 positive, 2 not binary-readable: one byte instead of an optional's padding.
    private var labels: [UInt8]
    private var correct: [Bool]
    private var next = 0
    public private(set) var count = 0
    private var correctCount = 0
    private var positiveCount = 0
    private var negativeCount = 0
    private var cached: QualitySummary?

    public init(capacity: Int = StoreLimits().qualityWindow) {
        self.capacity = max(1, capacity)
        scores = Array(repeating: 0, count: self.capacity)
        labels = Array(repeating: 2, count: self.capacity)
        correct = Array(repeating: false, count: self.capacity)
    }

    /// Adds one labelled outcome, pushing out the oldest when full.
    public mutating func add(score: Double, labelPositive: Bool?, correct isCorrect: Bool) {
        if count == capacity {
            if correct[next] { correctCount -= 1 }
            switch labels[next] {
            case 0: negativeCount -= 1
            case 1: positiveCount -= 1
            default: break
            }
        } else {
            count += 1
        }
        let label: UInt8 = labelPositive.map { $0 ? 1 : 0 } ?? 2
        scores[next] = score
        labels[next] = label
        correct[next] = isCorrect
        if isCorrect { correctCount += 1 }
        if label == 1 { positiveCount += 1 } else if label == 0 { negativeCount += 1 }
        next = next + 1 == capacity ? 0 : next + 1
        cached = nil
    }

    public var accuracy: Double? { count == 0 ? nil : Double(correctCount) / Double(count) }

    /// ROC AUC (Mann–Whitney U with average ranks for ties); nil with fewer than two classes.
    /// Computed afresh unless `summary()` cached it since the last `add`.
    public var auc: Double? { cached.map(\.auc) ?? computeAUC() }

    /// The window's numbers, cached until new data arrives.
    public mutating func summary() -> QualitySummary {
        if let c = cached { return c }
        let s = QualitySummary(
            count: count, accuracy: accuracy, auc: computeAUC(), positives: positiveCount, negatives: negativeCount)
        cached = s
        return s
    }

    public var approximateBytes: Int { MemoryLayout<QualityWindow>.stride + capacity * (8 + 1 + 1) }

    private func computeAUC() -> Double? {
        guard positiveCount > 0, negativeCount > 0 else { return nil }
        // Positives and negatives sorted apart (as order-preserving integer keys, radix-sorted),
        // then walked together a score at a time: the same ranks, tie groups and sums, in the
        // same order, as sorting (score, label) pairs, at a fraction of the cost. A NaN would
        // break the ordering; such a score says nothing about ranking anyway.
        var positives: [UInt64] = []
        var negatives: [UInt64] = []
        positives.reserveCapacity(positiveCount)
        negatives.reserveCapacity(negativeCount)
        for i in 0..<count where labels[i] != 2 && scores[i].isFinite {
            if labels[i] == 1 { positives.append(RadixSort.key(scores[i])) } else { negatives.append(RadixSort.key(scores[i])) }
        }
        var scratch: [UInt64] = []
        RadixSort.sort(&positives, scratch: &scratch)
        RadixSort.sort(&negatives, scratch: &scratch)
        var nPos = 0.0
        var nNeg = 0.0
        var rankSumPos = 0.0
        var i = 0
        var j = 0
        var start = 0
        while i < positives.count || j < negatives.count {
            let key = i < positives.count && (j == negatives.count || positives[i] <= negatives[j]) ? positives[i] : negatives[j]
            var p = 0
            while i < positives.count && positives[i] == key {
                p += 1
                i += 1
            }
            var n = 0
            while j < negatives.count && negatives[j] == key {
                n += 1
                j += 1
            }
            let end = start + p + n - 1
            // Ranks are 1-based; a tie group shares the mean of the ranks it spans.
            let averageRank = Double(start + end + 2) / 2
            for _ in 0..<p {
                nPos += 1
                rankSumPos += averageRank
            }
            nNeg += Double(n)
            start = end + 1
        }
        guard nPos > 0, nNeg > 0 else { return nil }
        return (rankSumPos - nPos * (nPos + 1) / 2) / (nPos * nNeg)
    }
}
