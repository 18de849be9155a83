/// Whether a prediction matches a label (and two predictions each other), directly or by hash.
///
/// Two outcomes match when both read as a binary class (`Outcome.isPositive`) and the classes are
/// equal, else when they are equal values (same number, same text). Numbers are binary-readable,
/// so numeric multi-class labels compare as positive/negative: the contract's quality is binary.
public enum OutcomeMatch: Sendable {
    public static func matches(prediction: Outcome, label: Outcome) -> Bool {
        if let p = prediction.isPositive, let l = label.isPositive { return p == l }
        return prediction == label
    }

    /// The same decision from what a join entry keeps of the prediction (its class and hash).
    public static func matches(predictionHash: UInt64, predictedPositive: Bool?, label: Outcome) -> Bool {
        if let p = predictedPositive, let l = label.isPositive { return p == l }
        if case .number(let x) = label, x.isNaN { return false }  // NaN equals nothing, as in `==`
        return predictionHash == hash(label)
    }

    // The kind prefixes' hashes, computed once: every scored record hashes its prediction.
    private static let numberSeed = LabelJoin.hash("n")
    private static let textSeed = LabelJoin.hash("t")

    /// A stable 64-bit hash of an outcome: numbers by value (−0 as 0), texts by UTF-8 bytes,
    /// the two kinds kept apart so `1` and `"1"` differ.
    public static func hash(_ outcome: Outcome) -> UInt64 {
        switch outcome {
        case .number(let x):
            var h = numberSeed
            let bits = (x == 0 ? 0.0 : x).bitPattern
            for shift in stride(from: 0, to: 64, by: 8) {
                h ^= (bits >> UInt64(shift)) & 0xff
                h &*= 0x100_0000_01b3
            }
            return h
        case .text(let s):
            return LabelJoin.hash(s, continuing: textSeed)
        }
    }
}
