import Testing
import PipeTopCore
@testable import PipeTopDemo

/// A noise-free, non-rotating hyperplane: linearly separable, so a linear model can learn it.
private func separableHyperplane(seed: UInt64 = 7) -> RotatingHyperplaneStream {
    let configuration = RotatingHyperplaneStream.Configuration(dimensions: 5, rotationPerThousand: 0, labelNoise: 0)
    return RotatingHyperplaneStream(configuration: configuration, generator: DemoSeed(seed).generator(for: "fraud"))
}

@Test func logisticRegressionLossFallsEpochByEpochAndReachesNinetyPercentOnASeparableHyperplane() {
    var stream = separableHyperplane()
    let train = stream.batch(3_000)
    let test = stream.batch(2_000)
    var model = LogisticRegression(featureCount: 5)
    var losses = [model.logLoss(on: train)]
    for _ in 0..<3 {
        model.fit(train, epochs: 1)
        losses.append(model.logLoss(on: train))
    }
    #expect(losses[0] > 0.69 && losses[0] < 0.70)  // untrained: ln 2
    #expect(zip(losses, losses.dropFirst()).allSatisfy { $0.1 < $0.0 }, "losses \(losses)")
    #expect(Evaluation.accuracy(of: model, on: test) >= 0.9)
    #expect(Evaluation.rocAUC(of: model, on: test) >= 0.95)
}

@Test func learningRateDecaysWithUpdates() {
    var model = LogisticRegression(featureCount: 2, learningRate: 0.5, decay: 0.01)
    #expect(model.currentLearningRate == 0.5)
    for _ in 0..<100 { model.update(features: [1, 0], label: true) }
    #expect(abs(model.currentLearningRate - 0.25) < 1e-12)
    #expect(model.steps == 100)
}

@Test func l2PenaltyShrinksWeights() {
    var stream = separableHyperplane()
    let train = stream.batch(2_000)
    var loose = LogisticRegression(featureCount: 5, l2: 0)
    var tight = LogisticRegression(featureCount: 5, l2: 0.05)
    loose.fit(train, epochs: 2)
    tight.fit(train, epochs: 2)
    let norm = { (w: [Double]) in w.reduce(0) { $0 + $1 * $1 } }
    #expect(norm(tight.weights) < 0.5 * norm(loose.weights))
}

@Test func naiveBayesReachesEightyPercentOnTheSameHyperplane() {
    var stream = separableHyperplane()
    let train = stream.batch(3_000)
    let test = stream.batch(2_000)
    var model = GaussianNaiveBayes(featureCount: 5)
    #expect(model.predictProbability(test[0].features) == 0.5)  // knows nothing yet
    model.fit(train)
    #expect(model.counts[0] + model.counts[1] == 3_000)
    #expect(Evaluation.accuracy(of: model, on: test) >= 0.8)
}

@Test func naiveBayesRunningMomentsMatchTheBatchFormulas() {
    var model = GaussianNaiveBayes(featureCount: 1, varianceFloor: 1e-9)
    for x in [1.0, 2, 3, 4] { model.update(features: [x], label: true) }
    model.update(features: [10], label: false)
    #expect(model.means[1][0] == 2.5)
    #expect(abs(model.variance(feature: 0, label: true) - 1.25) < 1e-8)
    #expect(model.predictProbability([2.5]) > 0.99)
    #expect(model.predictProbability([10]) < 0.01)
}
