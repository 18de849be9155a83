import Testing
import PipeTopCore
@testable import PipeTopDemo

private func trainingData() -> (train: [LabelledRecord], test: [LabelledRecord]) {
    let configuration = RotatingHyperplaneStream.Configuration(dimensions: 4, labelNoise: 0.05)
    var stream = RotatingHyperplaneStream(configuration: configuration, generator: DemoSeed(3).generator(for: "churn"))
    return (stream.batch(1_000), stream.batch(500))
}

@Test func logisticRegressionSurvivesSerializationBitForBit() throws {
    let (train, test) = trainingData()
    var model = LogisticRegression(featureCount: 4, learningRate: 0.3, decay: 1e-3, l2: 1e-4)
    model.fit(train, epochs: 2)
    let text = model.serialize()
    #expect(text.hasPrefix("{\"kind\":\"logistic_regression\",\"params\":[4,"))
    let loaded = try LogisticRegression.deserialize(text)
    #expect(loaded == model)
    #expect(loaded.scores(test) == model.scores(test))
    #expect(loaded.serialize() == text)
}

@Test func naiveBayesSurvivesSerializationBitForBit() throws {
    let (train, test) = trainingData()
    var model = GaussianNaiveBayes(featureCount: 4)
    model.fit(train)
    let text = model.serialize()
    let loaded = try GaussianNaiveBayes.deserialize(text)
    #expect(loaded == model)
    #expect(loaded.scores(test) == model.scores(test))
    #expect(loaded.serialize() == text)
}

@Test func garbageArtifactsAreRejectedWithAReason() {
    #expect(throws: ModelArtifactError.malformed("does not start with {\"kind\":\"")) {
        try LogisticRegression.deserialize("garbage")
    }
    #expect(throws: ModelArtifactError.malformed("does not start with {\"kind\":\"")) {
        try LogisticRegression.deserialize("")
    }
    #expect(throws: ModelArtifactError.malformed("does not end with ]}")) {
        try LogisticRegression.deserialize("{\"kind\":\"logistic_regression\",\"params\":[1,2")
    }
    #expect(throws: ModelArtifactError.badNumber(position: 1, text: "nan")) {
        try LogisticRegression.deserialize("{\"kind\":\"logistic_regression\",\"params\":[1,nan]}")
    }
    #expect(throws: ModelArtifactError.badNumber(position: 1, text: "")) {
        try LogisticRegression.deserialize("{\"kind\":\"logistic_regression\",\"params\":[1,,2]}")
    }
    #expect(throws: ModelArtifactError.self) {
        try LogisticRegression.deserialize("{\"kind\":\"logistic_regression\",\"params\":[3,0,1]}")
    }
    #expect(throws: ModelArtifactError.self) {
        try LogisticRegression.deserialize("{\"kind\":\"logistic_regression\",\"params\":[-1,0,0,0,0,0]}")
    }
    #expect(throws: ModelArtifactError.self) {
        try GaussianNaiveBayes.deserialize("{\"kind\":\"gaussian_naive_bayes\",\"params\":[0,0,1,1]}")
    }
}

@Test func anArtifactOfTheOtherKindIsRejected() {
    let text = GaussianNaiveBayes(featureCount: 2).serialize()
    #expect(throws: ModelArtifactError.wrongKind(expected: "logistic_regression", found: "gaussian_naive_bayes")) {
        try LogisticRegression.deserialize(text)
    }
    let message = ModelArtifactError.wrongKind(expected: "logistic_regression", found: "gaussian_naive_bayes").description
    #expect(message == "model artifact holds a gaussian_naive_bayes model, expected logistic_regression")
}
