import Testing

@testable import PipeTopCore

private let wine = """
    [[pipelines]]
    name = "wine"
    scored_topic = "wine.scored"
    models_topic = "wine.models"
    input_topic = "wine.records"
    consumer_group = "wine-scorers"
    control = "republish"

    [pipelines.scored]
    format = "json"
    key = "/id"
    score = "/result/probability"
    prediction = "/result/label"
    model = "=wine-model"
    version = "@header:model-version"
    features = ["/input/alcohol", "/input/acidity"]

    [pipelines.models]
    format = "protobuf"
    proto_descriptor = "modeldescriptor.pb"
    proto_message = "modelServing.ModelDescriptor"
    model = "/name"
    version = "@sequence"
    artifact = "/data"

    [[pipelines]]
    name = "fraud"
    scored_topic = "fraud.out"

    [[contexts]]
    name = "prod"
    brokers = "prod:9092"
    [[contexts.pipelines]]
    name = "churn"
    scored_topic = "prod.churn.scored"
    [contexts.pipelines.scored]
    format = "avro"
    score = "/probability"
    """

@Test func pipelinesParseWithTheirTopicTables() throws {
    let loaded = try parseConfig(wine)
    #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
    let pipelines = loaded.config.pipelines
    #expect(pipelines.map(\.name) == ["wine", "fraud"])
    let w = pipelines[0]
    #expect(w.scoredTopic == "wine.scored" && w.modelsTopic == "wine.models" && w.inputTopic == "wine.records")
    #expect(w.consumerGroup == "wine-scorers" && w.control == .republish && w.labelsTopic == nil)
    #expect(w.scored.format == .json)
    #expect(w.scored.fields["score"] == .pointer(try JSONPointer(parsing: "/result/probability")))
    #expect(w.scored.fields["model"] == .constant("wine-model"))
    #expect(w.scored.fields["version"] == .header("model-version"))
    #expect(w.scored.features == .list([try JSONPointer(parsing: "/input/alcohol"), try JSONPointer(parsing: "/input/acidity")]))
    #expect(w.models?.format == .protobuf && w.models?.protoMessage == "modelServing.ModelDescriptor")
    #expect(w.models?.fields["version"] == .sequence)
    // Without a scored table the topic speaks the contract; control defaults to none.
    #expect(pipelines[1].scored == TopicMapping(format: .contract) && pipelines[1].control == PipelineConfig.Control.none)
}

@Test func aContextsPipelinesReplaceTheTopLevelList() throws {
    let config = try parseConfig(wine).config
    #expect(try EffectiveConfig(config: config, environment: testEnvironment).pipelines.map(\.name) == ["wine", "fraud"])
    let prod = try EffectiveConfig(config: config, overrides: CommandLineOverrides(context: "prod"), environment: testEnvironment)
    #expect(prod.pipelines.map(\.name) == ["churn"])
    #expect(prod.pipelines[0].scored.format == .avro)
}

@Test func renderedPipelinesParseBackToTheSameSettings() throws {
    let effective = try EffectiveConfig(config: parseConfig(wine).config, environment: testEnvironment)
    let rendered = ConfigRenderer.render(effective, source: nil)
    #expect(rendered.contains(#"version = "@sequence""#))
    #expect(try parseConfig(rendered).config.pipelines == effective.pipelines)
}

@Test func badPipelineEntriesSayWhatIsWrongInOneLine() throws {
    let cases: [(String, String)] = [
        ("[[pipelines]]\nscored_topic = \"t\"", "pipelines[0].name"),
        ("[[pipelines]]\nname = \"a\"", "pipelines[0].scored_topic"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[[pipelines]]\nname = \"a\"\nscored_topic = \"u\"", "names an earlier pipeline"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\ncontrol = \"push\"", "contract, republish, none"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\ncontrol = \"republish\"", "models_topic is not set"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.scored]\nformat = \"json\"\nkey = \"/id\"", "pipelines[0].scored.score"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.scored]\nformat = \"xml\"\nscore = \"/s\"", "avro, protobuf"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.scored]\nscore = \"result.score\"", "JSON Pointer (/a/b)"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.scored]\nscore = \"/s\"\nversion = \"@sequence\"", "only for [pipelines.models] version"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.scored]\nscore = \"/s\"\nfeatures = 3", "a JSON Pointer or an array"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.scored]\nscore = \"/s\"\nfeatures = [\"x\"]", "must start with '/'"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.scored]\nscore = \"/s\"\nproto_message = \"a.B\"", "proto_descriptor and proto_message"),
        ("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.models]\nmodel = \"/n\"", "models_topic is not set"),
    ]
    for (text, expected) in cases {
        let message = configErrorMessage(text)
        #expect(message?.contains(expected) == true, "\(text): \(message ?? "parsed")")
        #expect(message?.contains("\n") == false)
    }
}

@Test func aMistypedMappingKeyIsWarnedAboutWithASuggestion() throws {
    let loaded = try parseConfig("[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n[pipelines.scored]\nscore = \"/s\"\nprediciton = \"/p\"")
    #expect(loaded.warnings.map(\.keyPath) == ["pipelines[0].scored.prediciton"])
    #expect(loaded.warnings.first?.suggestion == "pipelines[0].scored.prediction")
}
