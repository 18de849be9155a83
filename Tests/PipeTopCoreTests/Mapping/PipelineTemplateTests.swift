import Testing
@testable import PipeTopCore

/// `[[pipelines]]` templates: `scored_topic = "*.scored"` makes a pipeline of each topic it
/// matches, `{*}` in its names standing for what the `*` matched.
@Suite struct PipelineTemplateTests {
    static let template = PipelineConfig(
        name: "wine-{*}", scoredTopic: "scores.*", modelsTopic: "models.{*}", inputTopic: "{*}.in", consumerGroup: "{*}-scorers",
        control: .republish, scored: TopicMapping(format: .json, fields: ["score": .pointer(try! JSONPointer(parsing: "/p"))]))

    @Test func aTopicTheScoredPatternMatchesIsAPipelineWithItsNamesFilledIn() throws {
        let p = try #require(Self.template.instance(forTopic: "scores.red"))
        #expect(p.name == "wine-red" && p.scoredTopic == "scores.red" && p.modelsTopic == "models.red" && p.inputTopic == "red.in")
        #expect(p.consumerGroup == "red-scorers" && p.labelsTopic == nil && p.errorsTopic == nil)
        #expect(p.control == .republish && p.scored == Self.template.scored && !p.isTemplate)
        // `*` matches one character or more, the whole of the middle.
        #expect(Self.template.instance(forTopic: "scores.") == nil)
        #expect(Self.template.instance(forTopic: "scores.a.b")?.name == "wine-a.b")
        #expect(Self.template.instance(forTopic: "other.red") == nil)
        var suffix = Self.template
        suffix.scoredTopic = "*-scored"
        #expect(suffix.instance(forTopic: "fraud-scored")?.name == "wine-fraud")
        #expect(suffix.instance(forTopic: "fraud-scored-x") == nil)
        // Internal topics only for a pattern that names them.
        var all = Self.template
        all.scoredTopic = "*"
        #expect(all.instance(forTopic: "_schemas") == nil && all.instance(forTopic: "fraud")?.name == "wine-fraud")
        all.scoredTopic = "_*"
        #expect(all.instance(forTopic: "_schemas")?.name == "wine-schemas")
        #expect(PipelineConfig(name: "plain", scoredTopic: "scores.red").instance(forTopic: "scores.red") == nil, "no template")
    }

    /// A pipeline's name says which of a template's it is (what the planner and the screens
    /// go by for one found while the dashboard runs).
    @Test func aNameLeadsBackToItsTemplatesPipeline() {
        #expect(Self.template.instance(named: "wine-red") == Self.template.instance(forTopic: "scores.red"))
        #expect(Self.template.instance(named: "wine-") == nil && Self.template.instance(named: "beer-red") == nil)
        let plain = PipelineConfig(name: "wine-red", scoredTopic: "special")
        #expect(PipelineConfig.named("wine-red", in: [Self.template, plain])?.scoredTopic == "special", "an entry of that name first")
        #expect(PipelineConfig.named("wine-rose", in: [Self.template, plain])?.scoredTopic == "scores.rose")
        #expect(PipelineConfig.named("fraud", in: [Self.template, plain]) == nil)
    }

    @Test func expandingKeepsPlainEntriesAndLetsThemWinOverAnInstanceOfTheirName() {
        let plain = PipelineConfig(name: "wine-red", scoredTopic: "red.special")
        let other = PipelineConfig(name: "fraud", scoredTopic: "fraud.scored")
        let expanded = PipelineConfig.expanding([other, Self.template, plain], topics: ["scores.white", "x", "scores.red", "scores.rose", "fraud.scored"])
        #expect(expanded.map(\.name) == ["fraud", "wine-rose", "wine-white", "wine-red"])
        #expect(expanded.last?.scoredTopic == "red.special", "the entry written out wins")
        #expect(PipelineConfig.expanding([Self.template], topics: []).isEmpty)
    }

    @Test func theConfigurationSaysWhatIsWrongWithATemplate() throws {
        func entry(_ keys: String) -> String { "[[pipelines]]\n\(keys)\n[pipelines.scored]\nformat = \"json\"\nscore = \"/s\"\n" }
        let loaded = try parseConfig(entry("name = \"{*}\"\nscored_topic = \"*.scored\"\nmodels_topic = \"{*}.models\""))
        #expect(loaded.config.pipelines.first?.isTemplate == true)
        for (keys, expected) in [
            ("name = \"wine\"\nscored_topic = \"*.scored\"", "pipelines[0].name: a template's name holds {*}"),
            ("name = \"{*}\"\nscored_topic = \"*.*\"", "pipelines[0].scored_topic: one * at most, got \"*.*\""),
            ("name = \"{*}\"\nscored_topic = \"{*}.scored\"", "pipelines[0].scored_topic: write the pattern's * alone, not {*}"),
            ("name = \"{*}\"\nscored_topic = \"*.scored\"\nmodels_topic = \"*.models\"", "pipelines[0].models_topic: only scored_topic takes a *"),
            ("name = \"w\"\nscored_topic = \"w.scored\"\nconsumer_group = \"{*}-g\"", "pipelines[0].scored_topic: {*} stands for what the * of scored_topic matches, but scored_topic has no *"),
        ] {
            let message = try #require(configErrorMessage(entry(keys)), "\(keys)")
            #expect(message.contains(expected), "\(message)")
        }
    }
}
