import Testing
import PipeTopCore
@testable import PipeTopUI

/// A pipeline read through its own topics (`[[pipelines]]`): the header counts it as mapped,
/// its detail screen lists the mapping.
@Suite struct MappedPipelineScreenTests {
    static func frame(screen: Screen) throws -> String {
        var state = AppState()
        state.screen = screen
        state.pipeline = "fraud"
        var buffer = Buffer(width: 160, height: 48)
        var snapshot = Fixtures.snapshot()
        var bad = SourceSnapshot(name: "payments.scored")
        bad.messages = 120
        bad.malformed = 3
        bad.lastError = "fraud: unmappable, no key"
        snapshot.sources.append(bad)
        var ctx = try Fixtures.context(snapshot)
        let fields = try ["key": "/id", "score": "/result/p", "version": "@header:model-version"].mapValues { try FieldSelector(parsing: $0) }
        ctx.mapped = ["fraud": PipelineConfig(
            name: "fraud", scoredTopic: "payments.scored", modelsTopic: "payments.models", inputTopic: "payments", consumerGroup: "fraud-scorer",
            control: .republish, scored: TopicMapping(format: .avro, fields: fields),
            models: TopicMapping(format: .protobuf, protoDescriptor: "md.pb", protoMessage: "ms.ModelDescriptor", fields: ["version": .sequence]))]
        Dashboard.render(state, ctx, into: &buffer)
        return buffer.lines.joined(separator: "\n")
    }

    @Test func theDetailScreenListsTheMapping() throws {
        let text = try Self.frame(screen: .pipeline)
        #expect(text.contains("Mapped from its own topics"), "\(text)")
        #expect(text.contains("scored payments.scored: avro · key=/id version=@header:model-version score=/result/p"), "\(text)")
        #expect(text.contains("models payments.models: protobuf (ms.ModelDescriptor from md.pb) · version=@sequence"), "\(text)")
        #expect(text.contains("input payments · group fraud-scorer · control republish"), "\(text)")
        // Records that did not map are counted on the pipeline's own screen, with the reason.
        #expect(text.contains("payments.scored: 3 of 120 messages not read, last: fraud: unmappable, no key"), "\(text)")
    }

    @Test func theHeaderCountsMappedPipelines() throws {
        let header = try #require(try Self.frame(screen: .overview).split(separator: "\n").first)
        #expect(header.contains("pipelines (1 mapped)"), "\(header)")
    }

    /// A pipeline of a `[[pipelines]]` template (found while the dashboard runs) is mapped as
    /// the template says; a contract pipeline beside it is not.
    @Test func aTemplatesPipelineIsShownMapped() throws {
        var options = DashboardOptions(settings: EngineSettings(), keymap: try Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                       fps: 30, timeRange: .oneMinute, readOnly: false, source: "test")
        options.mappedTemplates = [PipelineConfig(name: "{*}", scoredTopic: "*.scored", consumerGroup: "{*}-scorers")]
        var state = options.initialState(size: (160, 48), colors: 256, nowMs: 0)
        state.data = ScreenData(snapshot: Fixtures.snapshot(), connection: "test")
        let ctx = options.view(state)
        #expect(ctx.mapped["fraud"]?.scoredTopic == "fraud.scored" && ctx.mapped["fraud"]?.consumerGroup == "fraud-scorers")
        #expect(ctx.mapped.count == state.data.snapshot.pipelines.count)
        // (A run's options do not change; the view of each snapshot is worked out once.)
        options.mappedTemplates = [PipelineConfig(name: "wine-{*}", scoredTopic: "*.scored")]
        state.data = ScreenData(snapshot: Fixtures.snapshot(), connection: "test")
        #expect(options.view(state).mapped.isEmpty, "no snapshot pipeline is one of wine-{*}")
    }
}
