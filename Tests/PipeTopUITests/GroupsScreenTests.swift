import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Groups screen (`7`): the consumer groups of the Topics screen's fixture (scorers stalled
/// on payments, audit caught up there, label-joiner falling behind on pipeline.scored), and
/// its keys, driven through `update` as the app drives it.
@Suite struct GroupsScreenTests {
    static func options() throws -> DashboardOptions {
        var options = DashboardOptions(settings: EngineSettings(), keymap: try Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                       fps: 30, timeRange: .oneMinute, readOnly: false, source: "test")
        options.topicsUnavailable = nil
        return options
    }

    static func state(_ options: DashboardOptions, topics: TopicsSnapshot = TopicsScreenTests.topics) -> AppState {
        var s = options.initialState(size: (120, 30), colors: 256, nowMs: 0)
        var data = ScreenData(snapshot: Fixtures.snapshot(), connection: "test")
        data.topics = topics
        _ = Update.update(.data(data), &s, options)
        _ = Update.update(.input(.key(Key("7"))), &s, options)
        return s
    }

    static func press(_ keys: [String], _ s: inout AppState, _ options: DashboardOptions) -> [Effect] {
        keys.flatMap { Update.update(.input(.key(Key($0))), &s, options) }
    }

    static func frame(_ s: AppState, _ options: DashboardOptions, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        Dashboard.render(s, options.view(s), into: &buffer)
        return buffer
    }

    @Test func sevenOpensItWithStalledGroupsFirstThenByName() throws {
        let options = try Self.options()
        let s = Self.state(options)
        #expect(s.screen == .groups)
        #expect(Dashboard.rowIDs(s, options.view(s)) == [.group("scorers"), .group("audit"), .group("label-joiner")])
        let rows = GroupsScreen.shown(options.view(s), s).map { GroupsScreen.row($0, options.view(s)) }
        #expect(rows.first?.cells.map(\.text) == ["scorers", "1,204", "1", "payments (lag 1,204, stalled 1m30s on 1 of 6 partitions)"])
        #expect(rows.first?.cells.map(\.role) == [.critical, .critical, nil, .critical])
        #expect(rows.last?.cells.map(\.text) == ["label-joiner", "37,000", "1", "pipeline.scored (lag 37,000, falling behind 400/s)"])
        #expect(rows.last?.cells.first?.role == nil, "falling behind is not stalled")
        let text = Self.frame(s, options, width: 120, height: 30).lines.joined(separator: "\n")
        #expect(text.contains("Groups (3), stalled first, then by name, 1 stalled"), "\(text)")
        #expect(text.contains("7 Groups"))
    }

    @Test func framesMatchTheirGoldens() throws {
        let options = try Self.options()
        let s = Self.state(options)
        assertSnapshot(Self.frame(s, options, width: 80, height: 24), named: "screen-groups-80x24")
        var described = s
        _ = Self.press(["d"], &described, options)
        assertSnapshot(Self.frame(described, options, width: 120, height: 30), named: "screen-groups-describe")
    }

    @Test func slashFiltersByGroupAndTopicNames() throws {
        let options = try Self.options()
        var s = Self.state(options)
        s.filters[.groups] = RowFilter(typed: "scored")
        #expect(Dashboard.rowIDs(s, options.view(s)) == [.group("label-joiner")], "the topic it reads")
        s.filters[.groups] = RowFilter(typed: "aud")
        #expect(Dashboard.rowIDs(s, options.view(s)) == [.group("audit")])
    }

    /// `d` describes the group partition by partition; `enter` (there or on the list) tails the
    /// topic where it is stalled, from where it stands, so the record it is stuck on comes first.
    @Test func dDescribesAndEnterTailsWhereTheGroupStands() throws {
        let options = try Self.options()
        var s = Self.state(options)
        _ = Self.press(["d"], &s, options)
        let modal = try #require(GroupsScreen.openGroup(options.view(s), s))
        #expect(modal.title == "scorers")
        #expect(modal.body.first == "GROUP scorers · lag 1,204")
        #expect(modal.body.contains { $0.hasPrefix("payments") && $0.contains("1,204") && $0.hasSuffix("stalled 1m30s") }, "\(modal.body)")
        #expect(modal.body.last == "enter tails payments from where scorers stands: its next record on each partition comes first")
        #expect(modal.borderRole == .warn)
        let effects = Self.press(["enter"], &s, options)
        #expect(effects == [.tailTopic("payments", format: .auto, from: .committed(group: "scorers"))], "\(effects)")
        #expect(s.screen == .tail && s.tailTopic == "payments" && s.tailTopicStart == .committed(group: "scorers"))
        _ = Self.press(["esc"], &s, options)
        #expect(s.screen == .groups, "esc goes back to the groups")
        // A group stalled nowhere: the topic where it lags most.
        _ = Self.press(["G"], &s, options)
        #expect(Self.press(["enter"], &s, options) == [.tailTopic("pipeline.scored", format: .auto, from: .committed(group: "label-joiner"))])
    }

    @Test func aDemoOrARecordingSaysGroupsNeedAKafkaSource() throws {
        var options = try Self.options()
        options.topicsUnavailable = "Topics need a Kafka source"
        let s = Self.state(options)
        #expect(Self.frame(s, options, width: 80, height: 24).lines.contains { $0.contains("Consumer groups need a Kafka source") })
        #expect(Dashboard.rowIDs(s, options.view(s)).isEmpty)
    }

    @Test func helpNamesItsKeys() throws {
        let options = try Self.options()
        var s = Self.state(options)
        _ = Self.press(["?"], &s, options)
        let text = Self.frame(s, options, width: 120, height: 40).lines.joined(separator: "\n")
        #expect(text.contains("Help: Groups"))
        #expect(text.contains("consumer groups") && text.contains("describe"), "\(text)")
        #expect(text.contains("enter tails the topic where the group is most behind"), "\(text)")
    }
}
