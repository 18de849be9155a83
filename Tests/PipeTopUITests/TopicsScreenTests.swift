import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Topics screen (`6`): a fixed measurement of a cluster drawn at two sizes, and its keys:
/// `o` sorts, `i` shows internal topics, `/` filters, `enter` asks the runtime to tail a topic.
@Suite struct TopicsScreenTests {
    static let topics = TopicsSnapshot(topics: [
        TopicStats(name: "payments", partitions: 6, messagesPerSecond: 212.5, retained: 1_204_332,
                   groups: [TopicGroupLag(group: "audit", lag: 0), TopicGroupLag(group: "scorers", lag: 1_204, partitions: (0..<6).map {
                       // Partition 4's consumer stopped a minute and a half ago.
                       PartitionLag(partition: $0, committed: 200_000, lag: $0 == 4 ? 1_204 : 0, behindForMs: $0 == 4 ? 90_000 : nil)
                   })],
                   partitionStats: (0..<6).map { p in
                       PartitionStats(PartitionWatermarks(partition: p, low: 0, high: p == 4 ? 201_204 : 200_000), messagesPerSecond: 35.4,
                                      placement: PartitionPlacement(leader: p == 5 ? -1 : p % 3 + 1, replicas: [p % 3 + 1, (p + 1) % 3 + 1],
                                                                    inSync: p == 2 ? [3] : p == 5 ? [] : [p % 3 + 1, (p + 1) % 3 + 1]))
                   },
                   settings: [TopicSetting(name: "cleanup.policy", value: "delete", isOverride: false),
                              TopicSetting(name: "retention.ms", value: "86400000", isOverride: true),
                              TopicSetting(name: "min.insync.replicas", value: "2", isOverride: true)]),
        TopicStats(name: "pipeline.scored", partitions: 3, messagesPerSecond: 2_000, retained: 50_000,
                   groups: [TopicGroupLag(group: "label-joiner", lag: 37_000, partitions: [PartitionLag(partition: 0, committed: 1, lag: 37_000, behindForMs: 0)],
                                          rates: CommitProgress.Rates(consumedPerSecond: 1_600, lagPerSecond: 400))]),
        TopicStats(name: "pipeline.models", partitions: 3, messagesPerSecond: 0, retained: 42),
        TopicStats(name: "_schemas", partitions: 1, messagesPerSecond: 0, retained: 12),
        TopicStats(name: "__consumer_offsets", partitions: 50, messagesPerSecond: 3, retained: 900),
        // Appeared between the two samples: no rate yet.
        TopicStats(name: "z.new", partitions: 1, messagesPerSecond: nil, retained: 0),
    ], measuredAtMs: Fixtures.t0 + 60_000, intervalMs: 2_000, brokers: [1: "kafka-1:9092", 2: "kafka-2:9092", 3: "kafka-3:9092"])

    static func context(topics: TopicsSnapshot? = TopicsScreenTests.topics, kafka: Bool = true) throws -> ViewContext {
        var ctx = try Fixtures.context(Fixtures.snapshot())
        if kafka {
            ctx.topicsUnavailable = nil
            ctx.topics = topics
        }
        return ctx
    }

    static func frame(_ state: AppState, width: Int, height: Int, ctx: ViewContext) -> Buffer {
        var state = state
        var buffer = Buffer(width: width, height: height)
        Dashboard.render(state, ctx, into: &buffer)
        return buffer
    }

    static func onTopics() -> AppState {
        var state = AppState()
        state.screen = .topics
        return state
    }

    /// Presses `keys` on the state, each with the rows the screen shows then (as the app does).
    static func press(_ keys: [String], _ state: inout AppState, ctx: ViewContext) throws -> [Effect] {
        let keymap = try Keymap()
        var effects: [Effect] = []
        for k in keys {
            let context = AppContext(rowIDs: Dashboard.rowIDs(state, ctx), nowMs: Fixtures.t0)
            effects += Update.apply(.key(Key(k)), to: &state, keymap: keymap, context: context)
        }
        return effects
    }

    @Test func compactFrameMatchesItsGolden() throws {
        assertSnapshot(Self.frame(Self.onTopics(), width: 80, height: 24, ctx: try Self.context()), named: "screen-topics-80x24")
    }

    @Test func wideFrameMatchesItsGolden() throws {
        var state = Self.onTopics()
        state.showInternalTopics = true
        state.topicsSort = .rate
        state.selection[.topics] = 1
        assertSnapshot(Self.frame(state, width: 200, height: 60, ctx: try Self.context()), named: "screen-topics-200x60")
    }

    @Test func rowsShowRateRetainedAndEveryGroupWithItsLag() throws {
        let lines = Self.frame(Self.onTopics(), width: 120, height: 20, ctx: try Self.context()).lines
        let payments = try #require(lines.first { $0.contains("payments") })
        let cells = payments.split(separator: " ").filter { $0 != "│" }
        #expect(cells.prefix(4) == ["│payments", "6", "212", "1,204,332"], "\(payments)")
        #expect(payments.contains("scorers (lag 1,204, stalled 1m30s on 1 of 6 partitions), audit (lag 0)"), "\(payments)")
        #expect(try #require(lines.first { $0.contains("z.new") }).contains(" - "), "no rate after one sample")
        #expect(lines.contains { $0.contains("Topics (4), 2 internal hidden, by name") })
    }

    @Test func topicsWithPartitionsInTroubleStandOutInTheList() throws {
        let lines = Self.frame(Self.onTopics(), width: 120, height: 20, ctx: try Self.context()).lines
        #expect(lines.contains { $0.contains("Topics (4), 2 internal hidden, by name, 1 without a leader, 1 with a stalled group") }, "\(lines)")
        let ctx = try Self.context()
        let rows = TopicsScreen.rows(ctx, Self.onTopics())
        #expect(rows.first { $0.id == .topic("payments") }?.cells[0].role == .critical, "payments has a partition without a leader")
        #expect(rows.first { $0.id == .topic("pipeline.scored") }?.cells[0].role == nil)
        #expect(rows.first { $0.id == .topic("payments") }?.cells[4].role == .critical, "scorers is stalled on partition 4")
        #expect(rows.first { $0.id == .topic("pipeline.scored") }?.cells[4].role == nil, "falling behind is not stalled")
        #expect(rows.first { $0.id == .topic("pipeline.scored") }?.cells[4].text == "label-joiner (lag 37,000, falling behind 400/s)")
        var later = ctx
        later.settings.alerts.groupStalledAfterMs = 120_000
        let laterRows = TopicsScreen.rows(later, Self.onTopics())
        let laterGroups = laterRows.first { $0.id == .topic("payments") }?.cells[4].text
        #expect(laterGroups == "audit (lag 0), scorers (lag 1,204)", "[alerts] group_stalled_after decides")
        var under = Self.topics
        let payments = try #require(under.topics.firstIndex { $0.name == "payments" })
        under.topics[payments].partitionStats = [PartitionStats(PartitionWatermarks(partition: 0, low: 0, high: 1), placement: PartitionPlacement(leader: 1, replicas: [1, 2], inSync: [1]))]
        let warned = TopicsScreen.rows(try Self.context(topics: under), Self.onTopics())
        #expect(warned.first { $0.id == .topic("payments") }?.cells.prefix(2).map(\.role) == [.warn, .warn])
        #expect(Self.frame(Self.onTopics(), width: 120, height: 20, ctx: try Self.context(topics: under)).lines
            .contains { $0.contains("by name, 1 under-replicated") })
    }

    /// The cluster keeps no time of a commit: until the groups have been followed for
    /// `group_stalled_after`, no stall can show, and the title says when one could.
    @Test func theTitleSaysWhenAStallCanFirstShow() throws {
        func title(followedForMs: Int64?, groups: Bool = true) throws -> String? {
            var topics = Self.topics
            topics.groupsFollowedSinceMs = followedForMs.map { topics.measuredAtMs - $0 }
            if !groups { for i in topics.topics.indices { topics.topics[i].groups = [] } }
            return Self.frame(Self.onTopics(), width: 200, height: 20, ctx: try Self.context(topics: topics)).lines.first { $0.contains("Topics (") }
        }
        let early = try title(followedForMs: 12_000) ?? ""
        #expect(early.contains(", 1 with a stalled group, stall check in 48s"), "\(early)")
        #expect(try title(followedForMs: 59_500)?.contains("stall check in 1s") == true, "rounded up, never 0s")
        #expect(try title(followedForMs: 60_000)?.contains("stall check") == false)
        #expect(try title(followedForMs: nil)?.contains("stall check") == false, "not followed: nothing to say")
        #expect(try title(followedForMs: 12_000, groups: false)?.contains("stall check") == false, "no group to judge")
    }

    /// On a topic's tail `:from group:` completes the groups reading it (from the Topics
    /// screen's last sample), to start where one stands.
    @Test func fromCompletesTheGroupsReadingTheTailedTopic() throws {
        var state = AppState()
        state.data.topics = Self.topics
        state.screen = .tail
        state.tailTopic = "payments"
        var options = DashboardOptions(settings: EngineSettings(), keymap: try Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                       fps: 30, timeRange: .oneMinute, readOnly: false, source: "test")
        options.topicsUnavailable = nil
        #expect(CommandLine.complete("from group:s", context: AppContext(state, options)) == "from group:scorers ")
        #expect(CommandLine.complete("from group:", context: AppContext(state, options)) == "from group:", "audit or scorers")
        #expect(CommandLine.complete("from b", context: AppContext(state, options)) == "from beginning ")
        state.tailTopic = "pipeline.models"
        #expect(CommandLine.complete("from g", context: AppContext(state, options)) == "from g", "no group reads it")
    }

    @Test func internalTopicsAreHiddenUntilIToggles() throws {
        let ctx = try Self.context()
        var state = Self.onTopics()
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("payments"), .topic("pipeline.models"), .topic("pipeline.scored"), .topic("z.new")])
        _ = try Self.press(["i"], &state, ctx: ctx)
        #expect(state.showInternalTopics)
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("__consumer_offsets"), .topic("_schemas"), .topic("payments"), .topic("pipeline.models"), .topic("pipeline.scored"), .topic("z.new")])
        #expect(state.flash?.text == "internal topics shown")
        _ = try Self.press(["i"], &state, ctx: ctx)
        #expect(Dashboard.rowIDs(state, ctx).allSatisfy { if case .topic(let name) = $0 { !name.hasPrefix("_") } else { false } })
    }

    @Test func oCyclesTheOrderThroughRateRetainedAndName() throws {
        let ctx = try Self.context()
        var state = Self.onTopics()
        _ = try Self.press(["j", "j", "o"], &state, ctx: ctx)
        #expect(state.topicsSort == .rate)
        #expect(state.selected(on: .topics, count: 4) == 0 && state.selection[.topics] == nil, "the cursor goes back to the top of the new order, and stays there")
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("pipeline.scored"), .topic("payments"), .topic("pipeline.models"), .topic("z.new")], "fastest first, no rate last")
        _ = try Self.press(["o"], &state, ctx: ctx)
        #expect(state.topicsSort == .retained)
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("payments"), .topic("pipeline.scored"), .topic("pipeline.models"), .topic("z.new")])
        _ = try Self.press(["o"], &state, ctx: ctx)
        #expect(state.topicsSort == .lag)
        // payments' scorers is stalled (lag 1,204): before label-joiner's 37,000, which is moving.
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("payments"), .topic("pipeline.scored"), .topic("pipeline.models"), .topic("z.new")])
        var moving = ctx
        moving.settings.alerts.groupStalledAfterMs = 120_000
        #expect(Dashboard.rowIDs(state, moving) == [.topic("pipeline.scored"), .topic("payments"), .topic("pipeline.models"), .topic("z.new")])
        _ = try Self.press(["o"], &state, ctx: ctx)
        #expect(state.topicsSort == .name)
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("payments"), .topic("pipeline.models"), .topic("pipeline.scored"), .topic("z.new")])
    }

    /// Sorted by rate, the topics change places with every sample: the selection, and the
    /// topic `d` describes, stay on their topic.
    @Test func aNewSampleThatReordersTheTopicsKeepsTheSelectedOneAndItsDescription() throws {
        var options = DashboardOptions(settings: EngineSettings(), keymap: try Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                       fps: 30, timeRange: .oneMinute, readOnly: false, source: "test")
        options.topicsUnavailable = nil
        func data(_ rates: [String: Double]) -> ScreenData {
            var d = ScreenData(snapshot: Fixtures.snapshot(), connection: "test")
            d.topics = TopicsSnapshot(topics: rates.map { TopicStats(name: $0.key, partitions: 1, messagesPerSecond: $0.value, retained: 0) },
                                      measuredAtMs: 0)
            return d
        }
        var s = options.initialState(size: (120, 30), colors: 256, nowMs: 0)
        s.screen = .topics
        s.topicsSort = .rate
        _ = Update.update(.data(data(["a": 30, "b": 20, "c": 10])), &s, options)
        for k in ["j", "d"] { _ = Update.update(.input(.key(Key(k))), &s, options) }
        #expect(TopicsScreen.describedTopic(options.view(s), s) == "b")
        _ = Update.update(.data(data(["a": 5, "b": 50, "c": 40])), &s, options)
        #expect(Dashboard.rowIDs(s, options.view(s)) == [.topic("b"), .topic("c"), .topic("a")])
        #expect(TopicsScreen.describedTopic(options.view(s), s) == "b", "still b, now first")
        _ = Update.update(.data(data(["a": 5, "b": 1, "c": 40])), &s, options)
        #expect(TopicsScreen.describedTopic(options.view(s), s) == "b" && s.selected(on: .topics, count: 3) == 2)
    }

    @Test func oAndIDoNothingOnOtherScreens() throws {
        var state = AppState()
        _ = try Self.press(["o", "i"], &state, ctx: try Self.context())
        #expect(state.topicsSort == .name && !state.showInternalTopics)
    }

    @Test func enterAsksTheRuntimeToTailTheSelectedTopicWithAutoDecoding() throws {
        let ctx = try Self.context()
        var state = Self.onTopics()
        _ = try Self.press(["o"], &state, ctx: ctx)
        let effects = try Self.press(["j", "enter"], &state, ctx: ctx)
        #expect(effects == [.tailTopic("payments", format: .auto)])
        #expect(state.screen == .tail, "the Tail shows the topic")
        #expect(state.tailTopic == "payments")
        var empty = Self.onTopics()
        #expect(try Self.press(["enter"], &empty, ctx: try Self.context(topics: TopicsSnapshot(topics: [], measuredAtMs: 0))).isEmpty)
    }

    @Test func dDescribesTheSelectedTopicUntilEscOrAnotherScreen() throws {
        let ctx = try Self.context()
        var state = Self.onTopics()
        _ = try Self.press(["d"], &state, ctx: ctx)
        #expect(state.showRecord)
        assertSnapshot(Self.frame(state, width: 80, height: 24, ctx: ctx), named: "screen-topics-describe-80x24")
        let text = Self.frame(state, width: 120, height: 60, ctx: ctx).lines.joined(separator: "\n")
        #expect(text.contains("6 partitions · 212 msg/s · 1,204,332 retained"), "\(text)")
        for trouble in ["1 partition without a leader", "1 partition refusing acks=all writes (in sync < min.insync.replicas 2)",
                        "2 partitions under-replicated"] {
            #expect(text.contains(trouble), "\(text)")
        }
        #expect(text.contains("  3,1       3          0  200,000   35.4  refuses acks=all"), "\(text)")
        #expect(text.contains("scorers          4    200,000  1,204"), "the lagging partition: \(text)")
        #expect(text.contains("audit            0          -      -"), "a group without offsets there: \(text)")
        #expect(text.contains("kafka-3:9092"))
        #expect(text.contains("retention.ms         86400000 (24h)  set on the topic"), "\(text)")
        #expect(text.contains("To see the record scorers is stuck on: enter, then :from group:scorers"), "\(text)")
        #expect(!text.contains("record audit is stuck"), "audit is caught up")
        // ↓ describes the next topic; esc closes; another screen closes it too.
        _ = try Self.press(["j"], &state, ctx: ctx)
        #expect(TopicsScreen.openTopic(ctx, state)?.title == "pipeline.models")
        _ = try Self.press(["esc"], &state, ctx: ctx)
        #expect(!state.showRecord && state.screen == .topics)
        _ = try Self.press(["d", "4"], &state, ctx: ctx)
        #expect(!state.showRecord, "the Tail does not open a record on its own")
        _ = try Self.press(["6"], &state, ctx: ctx)
        #expect(TopicsScreen.openTopic(ctx, state) == nil)
        // Nothing to describe: nothing opens.
        var empty = Self.onTopics()
        _ = try Self.press(["d"], &empty, ctx: try Self.context(topics: TopicsSnapshot(topics: [], measuredAtMs: 0)))
        #expect(!empty.showRecord)
    }

    @Test func theTopicOpenWithDIsTheOneWhoseSettingsTheProbeReads() throws {
        let ctx = try Self.context()
        var state = Self.onTopics()
        #expect(TopicsScreen.describedTopic(ctx, state) == nil, "nothing open: no settings to read")
        _ = try Self.press(["j", "d"], &state, ctx: ctx)
        #expect(TopicsScreen.describedTopic(ctx, state) == "pipeline.models")
        _ = try Self.press(["/", "s", "c", "o", "r", "e", "d", "enter"], &state, ctx: ctx)
        #expect(TopicsScreen.describedTopic(ctx, state) == "pipeline.scored", "the selected row of the filtered list")
    }

    @Test func slashFiltersTopicsByNameAndGroup() throws {
        let ctx = try Self.context()
        var state = Self.onTopics()
        _ = try Self.press(["/", "s", "c", "o", "enter"], &state, ctx: ctx)
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("payments"), .topic("pipeline.scored")], "payments is read by scorers")
        let text = Self.frame(state, width: 100, height: 12, ctx: ctx).lines.joined(separator: "\n")
        #expect(text.contains("/sco"))
        _ = try Self.press(["esc", "/", "s", "c", "o", "r", "e", "d", "enter"], &state, ctx: ctx)
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("pipeline.scored")])
        _ = try Self.press(["esc"], &state, ctx: ctx)
        #expect(Dashboard.rowIDs(state, ctx).count == 4)
        _ = try Self.press(["/", "j", "o", "i", "n", "e", "r", "enter"], &state, ctx: ctx)
        #expect(Dashboard.rowIDs(state, ctx) == [.topic("pipeline.scored")], "the groups reading a topic match too")
    }

    @Test func sixOpensTheScreenAndHelpNamesItsKeys() throws {
        var state = AppState()
        _ = try Self.press(["6"], &state, ctx: try Self.context())
        #expect(state.screen == .topics)
        state.showHelp = true
        let text = Self.frame(state, width: 120, height: 40, ctx: try Self.context()).lines.joined(separator: "\n")
        #expect(text.contains("Help: Topics"))
        #expect(text.contains("next sort order"))
        #expect(text.contains("sorts by name, rate"))
        #expect(text.contains("show/hide internal topics"))
        #expect(text.contains("enter tails the selected topic"))
        #expect(text.contains("d describes it"))
    }

    @Test func demoAndReplaySayTopicsNeedAKafkaSource() throws {
        let text = Self.frame(Self.onTopics(), width: 80, height: 24, ctx: try Self.context(kafka: false)).lines.joined(separator: "\n")
        #expect(text.contains("Topics need a Kafka source"))
        let waiting = Self.frame(Self.onTopics(), width: 80, height: 24, ctx: try Self.context(topics: nil)).lines.joined(separator: "\n")
        #expect(waiting.contains("measuring the cluster's topics"))
    }

    @Test func aFailedSampleKeepsTheRowsAndSaysWhy() throws {
        var failed = Self.topics
        failed.error = "kafka metadata: Local: Broker transport failure"
        let lines = Self.frame(Self.onTopics(), width: 100, height: 16, ctx: try Self.context(topics: failed)).lines
        #expect(lines.contains { $0.contains("payments") })
        #expect(lines.contains { $0.contains("Broker transport failure") })
    }
}
