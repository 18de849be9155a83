import Testing
import PipeTopCore
@testable import PipeTopDemo

@Test func rocAUCMatchesSklearnOnAHandWorkedExample() {
    // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    #expect(Evaluation.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true]) == 0.75)
    #expect(Evaluation.rocAUC(scores: [0.5, 0.5, 0.9], labels: [false, true, true]) == 0.75)  // a tie counts ½
    #expect(Evaluation.rocAUC(scores: [0.9, 0.1], labels: [false, true]) == 0)
    #expect(Evaluation.rocAUC(scores: [0.3, 0.6], labels: [true, true]) == 0.5)  // undefined
}

@Test func accuracyCountsScoresOnTheRightSideOfOneHalf() {
    #expect(Evaluation.accuracy(scores: [0.2, 0.5, 0.7, 0.4], labels: [false, true, false, true]) == 0.5)
    #expect(Evaluation.accuracy(scores: [], labels: []) == 0)
}

@Test func referenceHistogramHasOneCountPerBinSummingToN() throws {
    var generator = SplitMix64(seed: 8)
    let scores = (0..<5_000).map { _ in Double(generator.next() >> 11) * 0x1p-53 }
    let histogram = try Evaluation.referenceHistogram(scores: scores, bins: 10)
    #expect(histogram.edges.count == 9)
    #expect(histogram.counts.count == histogram.edges.count + 1)
    #expect(histogram.counts.reduce(0, +) == 5_000 && histogram.n == 5_000)
    #expect(histogram.counts.allSatisfy { abs($0 - 500) <= 1 }, "counts \(histogram.counts)")
    #expect(histogram.edges == DriftMath.quantileEdges(sorted: scores.sorted(), bins: 10))
    #expect(histogram.sample?.count == 1_000)
    #expect(histogram.sample == histogram.sample?.sorted())
    let small = try Evaluation.referenceHistogram(scores: Array(scores.prefix(300)), bins: 4)
    #expect(small.sample?.count == 300 && small.counts.count == 4 && small.n == 300)
}

@Test func aModelsValidationScoresShowNoDriftAgainstTheirOwnHistogram() throws {
    var stream = RotatingHyperplaneStream(generator: DemoSeed(42).generator(for: "fraud"))
    var model = LogisticRegression(featureCount: 5)
    model.fit(stream.batch(2_000), epochs: 2)
    let validation = model.scores(stream.batch(2_000))
    let histogram = try Evaluation.referenceHistogram(scores: validation, bins: 10)
    let shares = DriftComparison.shares(of: model.scores(stream.batch(2_000)), edges: histogram.edges)
    let psi = DriftMath.psi(reference: histogram.counts.map { $0 / Double(histogram.n) }, current: shares)
    #expect(psi < 0.1, "psi \(psi)")
}

@Test func referenceHistogramRejectsWhatItCannotSummarise() {
    #expect(throws: EvaluationError.emptyScores) { try Evaluation.referenceHistogram(scores: [], bins: 10) }
    #expect(throws: EvaluationError.nonFiniteScore(index: 1)) {
        try Evaluation.referenceHistogram(scores: [0.1, .nan], bins: 10)
    }
    #expect(throws: EvaluationError.invalidBins(1)) { try Evaluation.referenceHistogram(scores: [0.1], bins: 1) }
}
