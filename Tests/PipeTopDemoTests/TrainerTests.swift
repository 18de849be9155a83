import Testing
import PipeTopCore
@testable import PipeTopDemo

/// A trainer of logistic regressions on `dimensions` features, retraining every minute of event time.
private func logisticTrainer(
    dimensions: Int, minimumLabelled: Int = 1_000, firstVersion: Int = 1, windowCapacity: Int = 20_000
) -> Trainer<LogisticRegression> {
    Trainer(
        configuration: .init(
            pipeline: "fraud", modelName: "fraud-lr", retrainIntervalMs: 60_000, minimumLabelled: minimumLabelled,
            epochs: 2, firstVersion: firstVersion, windowCapacity: windowCapacity,
            makeModel: { LogisticRegression(featureCount: dimensions) }))
}

/// A noise-free, non-rotating hyperplane: linearly separable.
private func separableHyperplane(seed: UInt64 = 11) -> RotatingHyperplaneStream {
    let configuration = RotatingHyperplaneStream.Configuration(dimensions: 5, rotationPerThousand: 0, labelNoise: 0)
    return RotatingHyperplaneStream(configuration: configuration, generator: DemoSeed(seed).generator(for: "fraud"))
}

/// Feeds `count` records of `stream`, one label per millisecond from `startMs`.
private func feed(
    _ trainer: inout Trainer<LogisticRegression>, _ stream: inout RotatingHyperplaneStream, count: Int, startMs: Int64
) {
    for i in 0..<count { trainer.observe(stream.next(), labelledAtMs: startMs + Int64(i)) }
}

@Test func noRetrainBeforeTheIntervalOrWithTooFewLabels() {
    var trainer = logisticTrainer(dimensions: 5, minimumLabelled: 1_000)
    var stream = separableHyperplane()
    let attempt1 = trainer.maybeRetrain(nowMs: 1_000_000)
    #expect(attempt1?.version == nil)  // no labels at all
    feed(&trainer, &stream, count: 999, startMs: 0)
    let attempt2 = trainer.maybeRetrain(nowMs: 120_000)
    #expect(attempt2?.version == nil)  // interval passed, 999 < 1,000 labels
    feed(&trainer, &stream, count: 1, startMs: 999)
    let attempt3 = trainer.maybeRetrain(nowMs: 59_999)
    #expect(attempt3?.version == nil)  // enough labels, interval not yet passed
    let attempt4 = trainer.maybeRetrain(nowMs: 60_000)
    #expect(attempt4?.version != nil)
    let attempt5 = trainer.maybeRetrain(nowMs: 119_999)
    #expect(attempt5?.version == nil)  // the interval restarts at the retraining
}

@Test func publishesConsecutiveVersionsWithParentLinksAndIncreasingTime() throws {
    var trainer = logisticTrainer(dimensions: 5, firstVersion: 7)
    var stream = separableHyperplane()
    feed(&trainer, &stream, count: 5_000, startMs: 0)
    let firstResult = trainer.maybeRetrain(nowMs: 60_000)
    let first = try #require(firstResult)
    feed(&trainer, &stream, count: 5_000, startMs: 60_000)
    let secondResult = trainer.maybeRetrain(nowMs: 120_000)
    let second = try #require(secondResult)

    #expect(first.version == 7 && second.version == 8)
    #expect(first.events.map(\.event) == [.published, .candidate])
    #expect(second.events.map(\.event) == [.published, .candidate])
    #expect(first.events.allSatisfy { $0.version == 7 && $0.parent == nil })
    #expect(second.events.allSatisfy { $0.version == 8 && $0.parent == 7 })
    #expect(first.events.allSatisfy { $0.pipeline == "fraud" && $0.model == "fraud-lr" })
    #expect(first.events[0].tsMs == 60_000 && second.events[0].tsMs == 120_000)
    #expect(second.events[0].messageKey == "fraud/fraud-lr/8")
    let description = try #require(first.events[0].description)
    #expect(description.contains("logistic_regression") && description.contains("4000"))
    #expect(trainer.lastVersion == 8)
}

@Test func theArtifactIsTheModelAsDataWithMatchingBytesAndDigest() throws {
    var trainer = logisticTrainer(dimensions: 5)
    var stream = separableHyperplane()
    feed(&trainer, &stream, count: 3_000, startMs: 0)
    let trainedResult = trainer.maybeRetrain(nowMs: 60_000)
    let trained = try #require(trainedResult)
    let artifact = try #require(trained.events[0].artifact)
    let data = try #require(artifact.data)
    #expect(artifact.format == "logistic_regression")
    #expect(artifact.bytes == Int64(data.utf8.count))
    #expect(artifact.sha256 == SHA256.hex(data))
    #expect(artifact.sha256.count == 64)
    let loaded = try LogisticRegression.deserialize(data)
    let probe = stream.batch(500)
    #expect(loaded.scores(probe) == trained.model.scores(probe))
    #expect(trained.events[1].artifact == nil)  // the candidate step refers to the published data
}

@Test func validationMetricsAreHighOnANoiseFreeStream() throws {
    var trainer = logisticTrainer(dimensions: 5)
    var stream = separableHyperplane()
    feed(&trainer, &stream, count: 10_000, startMs: 0)
    let trainedResult = trainer.maybeRetrain(nowMs: 60_000)
    let trained = try #require(trainedResult)
    let metrics = Dictionary(uniqueKeysWithValues: trained.events[0].metrics.map { ($0.name, $0.value) })
    let accuracy = try #require(metrics["accuracy"])
    let auc = try #require(metrics["auc"])
    #expect(accuracy >= 0.9, "accuracy \(accuracy)")
    #expect(auc >= 0.95, "auc \(auc)")
    #expect(accuracy == trained.accuracy && auc == trained.auc)
    // The published number is the model's accuracy on fresh data too, not an artefact of the split.
    #expect(abs(Evaluation.accuracy(of: trained.model, on: stream.batch(2_000)) - accuracy) < 0.05)
}

@Test func theReferenceHistogramCoversEveryValidationScore() throws {
    var trainer = logisticTrainer(dimensions: 5)
    var stream = separableHyperplane()
    feed(&trainer, &stream, count: 5_000, startMs: 0)
    let trainedResult = trainer.maybeRetrain(nowMs: 60_000)
    let trained = try #require(trainedResult)
    let histogram = try #require(trained.events[0].reference?.score)
    #expect(histogram.n == 1_000)  // every 5th of 5,000
    #expect(histogram.counts.count == histogram.edges.count + 1)
    #expect(histogram.counts.reduce(0, +) == Double(histogram.n))
    #expect(histogram.edges.count >= 2)
    #expect(zip(histogram.edges, histogram.edges.dropFirst()).allSatisfy { $0.0 < $0.1 })
}

@Test func afterAnAbruptSEADriftTheRetrainedModelBeatsTheOldOne() throws {
    let configuration = SEAStream.Configuration(
        thresholdBefore: 7, thresholdAfter: 12, changeIndex: 10_000, labelNoise: 0)
    var stream = SEAStream(configuration: configuration, generator: DemoSeed(3).generator(for: "churn"))
    var trainer = Trainer<GaussianNaiveBayes>(
        configuration: .init(
            pipeline: "churn", modelName: "churn-nb", retrainIntervalMs: 60_000, minimumLabelled: 2_000,
            windowCapacity: 5_000, makeModel: { GaussianNaiveBayes(featureCount: SEAStream.dimensions) }))
    for i in 0..<10_000 { trainer.observe(stream.next(), labelledAtMs: Int64(i)) }
    let oldResult = trainer.maybeRetrain(nowMs: 60_000)
    let old = try #require(oldResult)
    // The window holds 5,000 records: after 5,000 post-drift labels it has forgotten the old concept.
    for i in 0..<5_000 { trainer.observe(stream.next(), labelledAtMs: 60_000 + Int64(i)) }
    let retrainedResult = trainer.maybeRetrain(nowMs: 120_000)
    let retrained = try #require(retrainedResult)
    let postDrift = trainer.window.snapshot().validation
    #expect(postDrift.count == 1_000)
    let oldAccuracy = Evaluation.accuracy(of: old.model, on: postDrift)
    #expect(old.accuracy >= 0.85, "old model on its own concept: \(old.accuracy)")
    #expect(retrained.accuracy >= oldAccuracy + 0.25, "retrained \(retrained.accuracy) vs old \(oldAccuracy)")
    #expect(retrained.events[0].parent == old.version)
}

@Test func theWindowStaysBoundedAndKeepsTheNewestRecords() {
    var trainer = logisticTrainer(dimensions: 5, windowCapacity: 20_000)
    var stream = separableHyperplane()
    feed(&trainer, &stream, count: 100_000, startMs: 0)
    #expect(trainer.window.count == 20_000)
    #expect(trainer.window.totalObserved == 100_000)
    let split = trainer.window.snapshot()
    #expect(split.train.count == 16_000 && split.validation.count == 4_000)
    let indices = (split.train + split.validation).map(\.index)
    #expect(indices.min() == 80_000 && indices.max() == 99_999)
    #expect(split.train.first?.index == 80_000)  // oldest first
    #expect(trainer.window.latestTsMs == 99_999)
}

@Test func theSplitIsDeterministicByArrivalNumber() {
    var window = LabelledWindow(capacity: 7, validationEvery: 5)
    for i in 0..<12 {
        window.append(LabelledRecord(index: i, names: ["x"], features: [Double(i)], label: i % 2 == 0), tsMs: Int64(i))
    }
    let split = window.snapshot()
    #expect(split.train.map(\.index) == [5, 6, 7, 8, 10, 11])
    #expect(split.validation.map(\.index) == [9])
}
