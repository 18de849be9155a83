import Testing

@testable import PipeTopCore

private func window(_ rows: [(Double, Bool?)], capacity: Int = 100) -> QualityWindow {
    var w = QualityWindow(capacity: capacity)
    for (score, label) in rows { w.add(score: score, labelPositive: label, correct: label == (score > 0.5)) }
    return w
}

@Test func aucMatchesAKnownValue() {
    // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    let w = window([(0.1, false), (0.4, false), (0.35, true), (0.8, true)])
    #expect(w.auc == 0.75)
}

@Test func aucGivesTiesHalfCredit() {
    // Pairs (pos, neg): (0.5, 0.5) = ½, (0.5, 0.2), (0.9, 0.5), (0.9, 0.2) = 1 → 3.5 / 4.
    let w = window([(0.5, true), (0.5, false), (0.2, false), (0.9, true)])
    #expect(w.auc == 0.875)
    #expect(window([(0.3, true), (0.3, false)]).auc == 0.5)
}

@Test func aucAgreesWithThePairwiseDefinition() {
    var rng = SystemRandomNumberGenerator()
    var rows: [(Double, Bool?)] = []
    for _ in 0..<400 {
        let positive = Bool.random(using: &rng)
        // Rounded scores force many ties; positives lean high so AUC is far from ½.
        let score = ((Double.random(in: 0..<1, using: &rng) + (positive ? 0.3 : 0)) * 10).rounded() / 10
        rows.append((score, positive))
    }
    var wins = 0.0
    var pairs = 0.0
    for (sp, lp) in rows where lp == true {
        for (sn, ln) in rows where ln == false {
            pairs += 1
            wins += sp > sn ? 1 : (sp == sn ? 0.5 : 0)
        }
    }
    let auc = window(rows, capacity: 400).auc ?? -1
    #expect(abs(auc - wins / pairs) < 1e-12)
}

@Test func aucIsNilWithOneClassAndIgnoresUnreadableLabels() {
    #expect(window([(0.2, true), (0.9, true)]).auc == nil)
    #expect(window([]).auc == nil)
    let w = window([(0.9, true), (0.1, false), (0.5, nil), (.nan, true)])
    #expect(w.auc == 1.0)
    #expect(w.count == 4)
}

@Test func accuracyCountsCorrectOverAll() {
    var w = QualityWindow(capacity: 10)
    #expect(w.accuracy == nil)
    for ok in [true, true, false, true] { w.add(score: 0.5, labelPositive: nil, correct: ok) }
    #expect(w.accuracy == 0.75)
    #expect(w.count == 4)
}

@Test func ringKeepsOnlyTheNewestOutcomes() {
    var w = QualityWindow(capacity: 3)
    w.add(score: 0.9, labelPositive: false, correct: false)  // pushed out below
    w.add(score: 0.8, labelPositive: true, correct: true)
    w.add(score: 0.2, labelPositive: false, correct: true)
    // The positive 0.8 beats 0.2 but not 0.9.
    #expect(w.auc == 0.5)
    w.add(score: 0.95, labelPositive: true, correct: false)
    #expect(w.count == 3)
    #expect(w.accuracy == 2.0 / 3.0)
    // Without 0.9 both positives (0.8, 0.95) outrank the only negative (0.2).
    #expect(w.auc == 1.0)
    let s = w.summary()
    #expect(s.positives == 2 && s.negatives == 1)
}

@Test func summaryIsCachedUntilNewData() {
    var w = window([(0.1, false), (0.9, true)])
    let first = w.summary()
    #expect(first.auc == 1.0)
    #expect(w.summary() == first)
    w.add(score: 0.95, labelPositive: false, correct: false)
    let second = w.summary()
    #expect(second.count == 3)
    #expect(second.auc == 0.5)
}

@Test func agreementWindowRollsOver() {
    var a = AgreementWindow(capacity: 4)
    #expect(a.rate == nil)
    for x in [true, true, false, false, true, true] { a.add(x) }
    #expect(a.count == 4)
    #expect(a.rate == 0.5)
    a.add(true)
    #expect(a.rate == 0.75)
}

@Test func outcomesMatchByClassOrValue() {
    #expect(OutcomeMatch.matches(prediction: .number(0.7), label: .number(1)))
    #expect(OutcomeMatch.matches(prediction: .text("yes"), label: .number(1)))
    #expect(!OutcomeMatch.matches(prediction: .number(0.2), label: .text("positive")))
    #expect(OutcomeMatch.matches(prediction: .text("cat"), label: .text("cat")))
    #expect(!OutcomeMatch.matches(prediction: .text("cat"), label: .text("dog")))
    #expect(!OutcomeMatch.matches(prediction: .number(2), label: .text("2")))
    #expect(!OutcomeMatch.matches(prediction: .number(.nan), label: .number(.nan)))
}

@Test func hashedMatchAgreesWithDirectMatch() {
    let outcomes: [Outcome] = [
        .number(0), .number(-0.0), .number(1), .number(0.7), .number(2), .number(.nan), .number(.infinity),
        .text("cat"), .text("dog"), .text("yes"), .text("0"), .text("1"), .text("2"), .text(""),
    ]
    for p in outcomes {
        for l in outcomes {
            let hashed = OutcomeMatch.matches(
                predictionHash: OutcomeMatch.hash(p), predictedPositive: p.isPositive, label: l)
            #expect(hashed == OutcomeMatch.matches(prediction: p, label: l), "\(p) vs \(l)")
        }
    }
}

/// The AUC as first written (sorting (score, label) pairs): the faster one must agree to the bit.
private func referenceAUC(_ rows: [(Double, Bool?)]) -> Double? {
    var pairs = rows.compactMap { row -> (score: Double, positive: Bool)? in
        guard let label = row.1, row.0.isFinite else { return nil }
        return (row.0, label)
    }
    pairs.sort { $0.score < $1.score }
    var nPos = 0.0, nNeg = 0.0, rankSumPos = 0.0, start = 0
    while start < pairs.count {
        var end = start
        while end + 1 < pairs.count && pairs[end + 1].score == pairs[start].score { end += 1 }
        let averageRank = Double(start + end + 2) / 2
        for i in start...end {
            if pairs[i].positive {
                nPos += 1
                rankSumPos += averageRank
            } else {
                nNeg += 1
            }
        }
        start = end + 1
    }
    guard nPos > 0, nNeg > 0 else { return nil }
    return (rankSumPos - nPos * (nPos + 1) / 2) / (nPos * nNeg)
}

@Test func aucIsBitForBitThePairSortingOne() {
    var rng = SeededGenerator(seed: 7)
    let specials: [Double] = [0, -0.0, -1, 1e300, -1e-300, .infinity, -.infinity, .nan, .leastNonzeroMagnitude]
    for round in 0..<200 {
        var rows: [(Double, Bool?)] = []
        for _ in 0..<Int.random(in: 1...600, using: &rng) {
            let label: Bool? = Int.random(in: 0..<10, using: &rng) == 0 ? nil : Bool.random(using: &rng)
            let score: Double
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: score = specials.randomElement(using: &rng)!
            case 1...4: score = (Double.random(in: -2..<2, using: &rng) * 20).rounded() / 20  // ties
            default: score = Double.random(in: -1e6..<1e6, using: &rng) / Double(1 + round)
            }
            rows.append((score, label))
        }
        let w = window(rows, capacity: 1_000)
        let expected = referenceAUC(rows)
        #expect(w.auc?.bitPattern == expected?.bitPattern, "round \(round)")
    }
}

@Test func radixSortOrdersLikeTheStandardSort() {
    var rng = SeededGenerator(seed: 3)
    var scratch: [UInt64] = []
    // Shorter after longer: the scratch buffer is then longer than the keys.
    for n in [0, 1, 2, 17, 1_000, 5_000, 300, 3] {
        var keys = (0..<n).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0..<64, using: &rng) }
        if n > 10 { keys[3] = keys[5] }
        let expected = keys.sorted()
        RadixSort.sort(&keys, scratch: &scratch)
        #expect(keys == expected)
    }
    let doubles: [Double] = [3, -0.0, 0, -2.5, 1e-310, -1e-310, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.5]
    let byKey = doubles.sorted { RadixSort.key($0) < RadixSort.key($1) }
    #expect(byKey.map(RadixSort.key) == doubles.sorted().map(RadixSort.key))
    #expect(RadixSort.key(0) == RadixSort.key(-0.0))
}
