import Foundation
import Testing
@testable import PipeTopCore

@Test(arguments: DriftFixture.caseNames)
func driftAgreesWithScipy(caseName: String) throws {
    let (expected, reference, current) = try DriftFixture.load(caseName)
    #expect(reference.count == expected.n)
    #expect(current.count == expected.m)

    let edges = DriftMath.quantileEdges(sorted: reference.sorted(), bins: expected.bins)
    #expect(edges == expected.edges, "edges must be bit-identical to np.quantile")

    let report = try DriftComparison.compare(reference: reference, current: current, bins: expected.bins)
    #expect(abs(report.psi - expected.psi) <= 1e-9, "psi \(report.psi) vs \(expected.psi)")
    #expect(abs(report.js - expected.js) <= 1e-9, "js \(report.js) vs \(expected.js)")
    let ks = try #require(report.ks)
    #expect(abs(ks - expected.ks) <= 1e-9, "ks \(ks) vs \(expected.ks)")
    let p = try #require(report.ksPValue)
    #expect(abs(p - expected.ksPValue) <= 1e-6, "p \(p) vs \(expected.ksPValue)")
    #expect(report.referenceCount == expected.n && report.currentCount == expected.m)
}

@Test func kolmogorovSurvivalMatchesScipyAcrossTheRange() throws {
    let table = try KolmogorovTable.load()
    #expect(table.lambda.count > 400)
    var worst = 0.0
    for (lambda, q) in zip(table.lambda, table.q) {
        worst = max(worst, abs(Kolmogorov.survival(lambda) - q))
    }
    #expect(worst <= 1e-12, "worst absolute error \(worst)")
}

@Test(arguments: [
    (0.1, 1.0),
    (0.5, 0.9639452436648751),
    (1.0, 0.26999967167735456),
    (2.0, 0.0006709252557796953),
    (5.0, 3.8574996959278356e-22),
    (0.3, 0.9999906941986655),
    (0.82, 0.5119717052984973),
])
func kolmogorovSurvivalAtKnownPoints(lambda: Double, scipy: Double) {
    #expect(abs(Kolmogorov.survival(lambda) - scipy) <= 1e-12)
}

@Test func kolmogorovSurvivalEdgeCases() {
    #expect(Kolmogorov.survival(0) == 1)
    #expect(Kolmogorov.survival(-3) == 1)
    #expect(Kolmogorov.survival(.nan).isNaN)
    #expect(Kolmogorov.survival(40) == 0)
    #expect(Kolmogorov.survival(.infinity) == 0)
}

@Test func quantileEdgesInterpolateLikeNumpy() {
    // n = 5, positions (n−1)·k/4 = 1, 2, 3: exact order statistics.
    #expect(DriftMath.quantileEdges(sorted: [10, 20, 30, 40, 50], bins: 4) == [20, 30, 40])
    // n = 4, bins 3: positions 1, 2 -> 2 and 3; bins 2: position 1.5 -> halfway.
    #expect(DriftMath.quantileEdges(sorted: [1, 2, 3, 4], bins: 3) == [2, 3])
    #expect(DriftMath.quantileEdges(sorted: [1, 2, 3, 4], bins: 2) == [2.5])
    // n = 3, bins 4: positions 0.5, 1, 1.5 over [0, 10, 100].
    #expect(DriftMath.quantileEdges(sorted: [0, 10, 100], bins: 4) == [5, 10, 55])
    // One value: every edge is that value.
    #expect(DriftMath.quantileEdges(sorted: [7], bins: 3) == [7, 7])
    // Ties make repeated edges, which leave some bins empty by construction.
    #expect(DriftMath.quantileEdges(sorted: [1, 1, 1, 1, 2], bins: 2) == [1])
}

@Test func binIsSearchsortedRightOnTies() {
    let edges: [Double] = [1, 2, 2, 3]
    #expect(DriftMath.bin(of: 0.5, edges: edges) == 0)
    #expect(DriftMath.bin(of: 1, edges: edges) == 1, "a value equal to an edge goes above it")
    #expect(DriftMath.bin(of: 1.5, edges: edges) == 1)
    #expect(DriftMath.bin(of: 2, edges: edges) == 3, "past every copy of a repeated edge")
    #expect(DriftMath.bin(of: 3, edges: edges) == 4)
    #expect(DriftMath.bin(of: 99, edges: edges) == 4)
    #expect(DriftMath.bin(of: 5, edges: []) == 0)
}

@Test func negativeZeroIsNotBelowAnEdgeAtZero() {
    // As numpy: searchsorted([0.0], -0.0, side="right") == 1, and the same with the signs swapped.
    #expect(DriftMath.bin(of: -0.0, edges: [0.0]) == 1)
    #expect(DriftMath.bin(of: 0.0, edges: [-0.0]) == 1)
    #expect(DriftMath.bin(of: -0.0, edges: [-1, 0.0, 0.0, 1]) == 3)
    #expect(DriftMath.bin(of: -0.0, edges: (0..<40).map { Double($0) - 20 }) == 21, "the binary search agrees")
}

@Test func binCountsEdgesAtOrBelowTheValueForFewAndManyEdges() {
    // Up to 32 edges are counted, more are binary-searched: both must be searchsorted-right.
    var rng = SeededGenerator(seed: 11)
    for n in [1, 2, 9, 31, 32, 33, 100, 999] {
        let edges = (0..<n).map { _ in (Double.random(in: -5..<5, using: &rng) * 4).rounded() / 4 }.sorted()
        for _ in 0..<200 {
            let x = Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : Double.random(in: -6..<6, using: &rng)
            #expect(DriftMath.bin(of: x, edges: edges) == edges.filter { $0 <= x }.count, "n \(n), x \(x)")
        }
        #expect(DriftMath.bin(of: .nan, edges: edges) == 0)
        #expect(DriftMath.bin(of: .infinity, edges: edges) == n)
        #expect(DriftMath.bin(of: -.infinity, edges: edges) == 0)
        #expect(DriftMath.bin(of: -0.0, edges: edges) == edges.filter { $0 <= 0 }.count)
    }
    let extremes: [Double] = [-.infinity, -.greatestFiniteMagnitude, -.leastNonzeroMagnitude, 0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity]
    for x in extremes {
        #expect(DriftMath.bin(of: x, edges: extremes) == extremes.filter { $0 <= x }.count, "x \(x)")
    }
}

@Test func psiReplacesEmptySharesWithoutRenormalising() {
    let p: [Double] = [0.5, 0.5, 0]
    let q: [Double] = [0.5, 0.25, 0.25]
    let expected = (0.25 - 0.5) * log(0.25 / 0.5) + (0.25 - 1e-6) * log(0.25 / 1e-6)
    #expect(abs(DriftMath.psi(reference: p, current: q) - expected) < 1e-15)
    #expect(DriftMath.psi(reference: p, current: p) == 0)
}

@Test func jensenShannonIsZeroForEqualAndOneForDisjoint() {
    #expect(DriftMath.jensenShannon([0.2, 0.8], [0.2, 0.8]) == 0)
    #expect(abs(DriftMath.jensenShannon([1, 0], [0, 1]) - 1) < 1e-15)
}

@Test func ksStatisticCountsTiedValuesTogether() {
    // At 1: F_a = 2/3, F_b = 1/3; at 2: 1 vs 2/3; at 3: 1 vs 1.
    #expect(abs(DriftMath.ksStatistic(sortedReference: [1, 1, 2], sortedCurrent: [1, 2, 3]) - 1.0 / 3) < 1e-15)
    #expect(DriftMath.ksStatistic(sortedReference: [1, 2], sortedCurrent: [3, 4]) == 1)
    #expect(DriftMath.ksStatistic(sortedReference: [5, 5], sortedCurrent: [5]) == 0)
}

@Test func compareRejectsBadInput() {
    #expect(throws: DriftError.invalidBins(1)) { try DriftComparison.compare(reference: [1], current: [1], bins: 1) }
    #expect(throws: DriftError.invalidBins(1001)) { try DriftComparison.compare(reference: [1], current: [1], bins: 1001) }
    #expect(throws: DriftError.emptyReference) { try DriftComparison.compare(reference: [], current: [1], bins: 10) }
    #expect(throws: DriftError.emptyCurrent) { try DriftComparison.compare(reference: [1], current: [], bins: 10) }
    #expect(throws: DriftError.nonFinite(side: "current", index: 1)) {
        try DriftComparison.compare(reference: [1], current: [1, .nan], bins: 10)
    }
}

@Test func severityFollowsTheDocumentedRule() {
    let s = DriftSettings()
    #expect(DriftSeverity.classify(psi: 0.3, js: 0, ksPValue: 1, settings: s) == .critical)
    #expect(DriftSeverity.classify(psi: 0.1, js: 0, ksPValue: 1, settings: s) == .warn)
    #expect(DriftSeverity.classify(psi: 0, js: 0.1, ksPValue: 1, settings: s) == .warn)
    #expect(DriftSeverity.classify(psi: 0, js: 0, ksPValue: 0.001, settings: s) == .warn)
    #expect(DriftSeverity.classify(psi: 0, js: 0.5, ksPValue: 0, settings: s) == .warn, "only PSI is critical")
    #expect(DriftSeverity.classify(psi: 0.05, js: 0.05, ksPValue: nil, settings: s) == .ok)
    #expect(DriftSeverity.classify(psi: .nan, js: .nan, ksPValue: .nan, settings: s) == .ok)
}

@Test func smallWindowsAreNotMeaningfulAndDoNotAlert() throws {
    let report = try DriftComparison.compare(reference: [0, 1, 2, 3], current: [10, 11, 12], bins: 2)
    #expect(report.meaningful == false)
    #expect(report.severity == .critical)
    #expect(report.alertSeverity == .ok)
}
