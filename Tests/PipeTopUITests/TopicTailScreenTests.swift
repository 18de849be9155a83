import Foundation
import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Tail on a topic of any format (the Topics screen's `enter`): decoded messages with their
/// partition, offset and key; `/` filters on the values; `enter` opens one with its headers;
/// leaving the Tail stops the topic's reader.
@Suite struct TopicTailScreenTests {
    static func tail(failure: String? = nil) -> TopicTailSnapshot {
        TopicTailSnapshot(topic: "payments", format: .auto, records: [
            TopicRecord(partition: 0, offset: 41, timestampMs: Fixtures.t0, key: .string("rec-1"),
                        headers: [MessageHeader(name: "trace", value: "ab12"), MessageHeader(name: "empty", value: nil)],
                        value: .object([DecodedMember("id", .string("rec-1")), DecodedMember("score", .double(0.93)),
                                        DecodedMember("result", .object([DecodedMember("label", .string("fraud"))]))])),
            TopicRecord(partition: 2, offset: 7, timestampMs: Fixtures.t0 + 1_000, key: nil, headers: [],
                        value: .object([DecodedMember("id", .string("rec-2")), DecodedMember("score", .double(0.12))]),
                        schema: WriterSchema(ref: .id(7), format: .avro)),
            TopicRecord(partition: 2, offset: 8, timestampMs: nil, key: .bytes([0, 1]), headers: [], value: nil),
        ], total: 5, undecodable: 2, firstError: "payments/1@3: schema id 9: HTTP 404", failure: failure)
    }

    static func onTopicTail() -> AppState {
        var state = AppState()
        state.screen = .tail
        state.tailTopic = "payments"
        return state
    }

    static func context(_ tail: TopicTailSnapshot? = tail()) throws -> ViewContext {
        var ctx = try TopicsScreenTests.context()
        ctx.topicTail = tail
        return ctx
    }

    @Test func rowsShowPositionKeyAndValueAndTheTitleCountsWhatDidNotDecode() throws {
        let lines = TopicsScreenTests.frame(Self.onTopicTail(), width: 120, height: 20, ctx: try Self.context()).lines
        #expect(lines.contains { $0.contains("Tail of topic payments · auto · 5 read · 2 did not decode (first: payments/1@3: schema id 9") })
        let first = try #require(lines.first { $0.contains("0@41") })
        #expect(first.contains("rec-1"))
        #expect(first.contains(#"{"id":"rec-1","score":0.93,"result":{"label":"fraud"}}"#))
        #expect(try #require(lines.first { $0.contains("2@8") }).contains("null (tombstone)"))
        #expect(try #require(lines.first { $0.contains("2@8") }).contains("AAE="), "a binary key shows as base64")
        #expect(Dashboard.rowIDs(Self.onTopicTail(), try Self.context()) == [.message(partition: 0, offset: 41), .message(partition: 2, offset: 7), .message(partition: 2, offset: 8)])
    }

    @Test func enteringATopicStartsItsTailAndLeavingStopsIt() throws {
        let ctx = try TopicsScreenTests.context()
        var state = TopicsScreenTests.onTopics()
        #expect(try TopicsScreenTests.press(["enter"], &state, ctx: ctx) == [.tailTopic("payments", format: .auto)])
        #expect(state.screen == .tail)
        #expect(state.tailTopic == "payments")
        // esc goes back to the Topics screen, and the reader stops.
        #expect(try TopicsScreenTests.press(["esc"], &state, ctx: try Self.context()) == [.stopTopicTail])
        #expect(state.screen == .topics)
        #expect(state.tailTopic == nil)
        // 4 on a topic's tail goes to the scored records' Tail, and stops the reader too.
        _ = try TopicsScreenTests.press(["enter"], &state, ctx: ctx)
        #expect(try TopicsScreenTests.press(["4"], &state, ctx: try Self.context()) == [.stopTopicTail])
        #expect(state.screen == .tail)
        #expect(state.tailTopic == nil)
    }

    /// `:` and `text` typed, then enter.
    static func command(_ text: String) -> [String] {
        [":"] + text.map { $0 == " " ? "space" : String($0) } + ["enter"]
    }

    /// `:columns` on a topic's tail picks values out of each message by JSON Pointer (or
    /// member name), a column each after the key, as `pipetop tail --columns` does; `default`
    /// shows the whole value again; a bad pointer says why and changes nothing; opening
    /// another topic starts from the whole value.
    @Test func columnsPickPointersOutOfEachValue() throws {
        let ctx = try Self.context()
        var state = Self.onTopicTail()
        _ = try TopicsScreenTests.press(Self.command("columns /id,score,/result/label"), &state, ctx: ctx)
        #expect(state.tailTopicColumns?.map(\.header) == ["/id", "score", "/result/label"])
        #expect(state.flash?.text == "columns: /id,score,/result/label")
        var lines = TopicsScreenTests.frame(state, width: 100, height: 20, ctx: ctx).lines
        let header = try #require(lines.first { $0.contains("PART@OFFSET") })
        #expect(header.contains("/id") && header.contains("score") && header.contains("/result/label") && !header.contains("VALUE"))
        let first = try #require(lines.first { $0.contains("0@41") })
        #expect(first.contains("rec-1") && first.contains("0.93") && first.contains("fraud") && !first.contains("{"))
        #expect(try #require(lines.first { $0.contains("2@8") }).contains("null (tombstone)"))
        // Numbers to the right: "0.12" ends where the score header does.
        let second = try #require(lines.first { $0.contains("2@7") })
        #expect(second.range(of: "0.12")?.upperBound.utf16Offset(in: second) == header.range(of: "score")?.upperBound.utf16Offset(in: header))
        _ = try TopicsScreenTests.press(Self.command("columns /a~2"), &state, ctx: ctx)
        #expect(state.flash?.role == .critical && state.tailTopicColumns?.count == 3)
        _ = try TopicsScreenTests.press(Self.command("columns default"), &state, ctx: ctx)
        #expect(state.tailTopicColumns == nil)
        lines = TopicsScreenTests.frame(state, width: 100, height: 20, ctx: ctx).lines
        #expect(try #require(lines.first { $0.contains("0@41") }).contains(#"{"id":"rec-1""#))
        // Completion offers the newest value's members.
        var completing = AppContext()
        completing.onTopicTail = true
        completing.topicRecords = Array(Self.tail().records.prefix(2))
        #expect(CommandLine.complete("columns /id,/s", context: completing) == "columns /id,/score ")
        #expect(CommandLine.complete("columns d", context: completing) == "columns default ")
        // Another topic opened from the Topics screen shows its whole value.
        _ = try TopicsScreenTests.press(Self.command("columns /id"), &state, ctx: ctx)
        state.screen = .topics
        state.tailTopic = nil
        _ = try TopicsScreenTests.press(["enter"], &state, ctx: try TopicsScreenTests.context())
        #expect(state.tailTopic != nil && state.tailTopicColumns == nil)
    }

    @Test func fromAndFormatStartTheReaderAgainThereKeepingTheOther() throws {
        let ctx = try Self.context()
        var state = TopicsScreenTests.onTopics()
        _ = try TopicsScreenTests.press(["enter"], &state, ctx: try TopicsScreenTests.context())
        #expect(try TopicsScreenTests.press(Self.command("from beginning"), &state, ctx: ctx) == [.tailTopic("payments", format: .auto, from: .beginning)])
        #expect(try TopicsScreenTests.press(Self.command("format avro"), &state, ctx: ctx) == [.tailTopic("payments", format: .avro, from: .beginning)])
        #expect(try TopicsScreenTests.press(Self.command("from @-10m"), &state, ctx: ctx)
                == [.tailTopic("payments", format: .avro, from: .timestamp(Fixtures.t0 - 600_000))], "ten minutes before now")
        #expect(try TopicsScreenTests.press(Self.command("from -5"), &state, ctx: ctx) == [.tailTopic("payments", format: .avro, from: .lastPerPartition(5))])
        // Wrong values say why and leave the reader as it is.
        #expect(try TopicsScreenTests.press(Self.command("from yesterday"), &state, ctx: ctx).isEmpty)
        #expect(state.flash?.text.hasPrefix(":from: ") == true && state.flash?.text.contains("@-DURATION") == true, "\(String(describing: state.flash))")
        #expect(try TopicsScreenTests.press(Self.command("format contract"), &state, ctx: ctx).isEmpty)
        #expect(state.flash?.text == "unknown format \"contract\" (known: json, avro, protobuf, json-schema, raw, auto)")
        #expect(state.tailTopicFormat == .avro && state.tailTopicStart == .lastPerPartition(5))
        // Entering a topic again starts from the defaults.
        _ = try TopicsScreenTests.press(["esc"], &state, ctx: ctx)
        #expect(try TopicsScreenTests.press(["enter"], &state, ctx: try TopicsScreenTests.context()) == [.tailTopic("payments", format: .auto)])
        // On the scored records' Tail there is no reader to start again.
        var scored = AppState()
        scored.screen = .tail
        #expect(try TopicsScreenTests.press(Self.command("from beginning"), &scored, ctx: ctx).isEmpty)
        #expect(scored.flash?.text == ":from works on a topic's tail: Topics (6), enter on a topic")
    }

    @Test func wWritesTheMessagesShownInTheirEnvelopes() throws {
        let ctx = try Self.context()
        var state = Self.onTopicTail()
        _ = try TopicsScreenTests.press(["w"], &state, ctx: ctx)
        guard case .writeFile(let input) = state.mode else {
            Issue.record("w asks for a file name: \(state.mode)")
            return
        }
        #expect(input.text.hasPrefix("pipetop-payments-") && input.text.hasSuffix(".ndjson"))
        // Only the messages the filter keeps, under the name typed.
        state.mode = .normal
        _ = try TopicsScreenTests.press(["/", "/", "s", "c", "o", "r", "e", "space", "<", "space", "0", ".", "5", "enter"], &state, ctx: ctx)
        _ = try TopicsScreenTests.press(["w", "ctrl+u"] + "out.ndjson".map { String($0) }, &state, ctx: ctx)
        let shown = TopicTailScreen.records(ctx, state)
        var context = AppContext(rowIDs: Dashboard.rowIDs(state, ctx), nowMs: Fixtures.t0)
        context.topicRecords = shown  // as the app's context carries them
        let effects = Update.apply(.key(Key("enter")), to: &state, keymap: try Keymap(), context: context)
        #expect(shown.map(\.offset) == [7], "the filter keeps rec-2 alone")
        #expect(effects == [.writeMessages(path: "out.ndjson", topic: "payments", shown)])
        #expect(state.flash?.text == "wrote 1 messages to out.ndjson")
        // CSV is for scored records: a topic's messages are NDJSON.
        _ = try TopicsScreenTests.press(["w", "ctrl+u"] + "out.csv".map { String($0) }, &state, ctx: ctx)
        #expect(Update.apply(.key(Key("enter")), to: &state, keymap: try Keymap(), context: context).isEmpty)
        #expect(state.flash?.text == "a topic's messages are written as NDJSON (name the file .ndjson)")
    }

    @Test func aWrittenMessageFileHoldsEachMessageInItsEnvelope() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-messages-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var records = Self.tail().records
        records[0].headers.append(MessageHeader(name: "trace", value: "cd34"))
        #expect(RecordFile.write(records, of: "payments", to: path) == nil)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == [
            #"{"topic":"payments","partition":0,"offset":41,"timestamp":\#(Fixtures.t0),"key":"rec-1","headers":{"trace":["ab12","cd34"],"empty":null},"value":{"id":"rec-1","score":0.93,"result":{"label":"fraud"}}}"#,
            #"{"topic":"payments","partition":2,"offset":7,"timestamp":\#(Fixtures.t0 + 1_000),"key":null,"headers":{},"value":{"id":"rec-2","score":0.12}}"#,
            #"{"topic":"payments","partition":2,"offset":8,"timestamp":null,"key":"AAE=","headers":{},"value":null}"#,
        ])
        #expect(RecordFile.write(records, of: "payments", to: "/nonexistent-dir/x.ndjson")?.hasPrefix("cannot write /nonexistent-dir/x.ndjson: ") == true)
    }

    @Test func theTitleAndTheWaitSayWhereTheReaderStarted() throws {
        var tail = TopicTailSnapshot(topic: "payments", format: .json, start: .beginning)
        var lines = TopicsScreenTests.frame(Self.onTopicTail(), width: 120, height: 12, ctx: try Self.context(tail)).lines
        #expect(lines.contains { $0.contains("Tail of topic payments · json from beginning · 0 read") }, "\(lines)")
        #expect(lines.contains { $0.contains("waiting for messages (reading each partition from its beginning)") }, "\(lines)")
        tail.start = TopicTailSnapshot.defaultStart
        lines = TopicsScreenTests.frame(Self.onTopicTail(), width: 120, height: 12, ctx: try Self.context(tail)).lines
        #expect(lines.contains { $0.contains("Tail of topic payments · json · 0 read") }, "the usual start goes without saying")
        #expect(lines.contains { $0.contains("waiting for messages (reading from 100 before the end of each partition)") })
    }

    @Test func theFilterReadsDecodedValues() throws {
        var state = Self.onTopicTail()
        state.tailFilter = try RecordFilter(parsing: "/score > 0.5 and /result/label == \"fraud\"")
        #expect(Dashboard.rowIDs(state, try Self.context()) == [.message(partition: 0, offset: 41)])
        state.tailFilter = try RecordFilter(parsing: "has(/result)")
        #expect(Dashboard.rowIDs(state, try Self.context()) == [.message(partition: 0, offset: 41)])
    }

    @Test func aMessageOpensWithItsKeyHeadersAndIndentedValue() throws {
        var state = Self.onTopicTail()
        state.selection[.tail] = 0
        _ = try TopicsScreenTests.press(["enter"], &state, ctx: try Self.context())
        #expect(state.showRecord)
        let text = TopicsScreenTests.frame(state, width: 100, height: 30, ctx: try Self.context()).lines.joined(separator: "\n")
        #expect(text.contains("payments · partition 0 · offset 41"))
        #expect(text.contains("key: rec-1"))
        #expect(text.contains("trace: ab12"))
        #expect(text.contains("empty: null"))
        #expect(text.contains(#""label": "fraud""#))
        #expect(!text.contains("value: "), "not a registry frame: no schema to name")
        // The next one was written by a registry schema: the view names it.
        _ = try TopicsScreenTests.press(["down"], &state, ctx: try Self.context())
        let next = TopicsScreenTests.frame(state, width: 100, height: 30, ctx: try Self.context()).lines.joined(separator: "\n")
        #expect(next.contains("payments · partition 2 · offset 7"))
        #expect(next.contains("value: avro, schema id 7"), "\(next)")
    }

    @Test func aFailedReaderSaysWhy() throws {
        let lines = TopicsScreenTests.frame(Self.onTopicTail(), width: 100, height: 20,
                                            ctx: try Self.context(Self.tail(failure: "topic payments not found"))).lines
        #expect(lines.contains { $0.contains("FAILED: topic payments not found") })
    }

    @Test func bigWCapturesTheMatchingMessagesFromNowOnAsNDJSON() throws {
        let ctx = try Self.context()
        var state = Self.onTopicTail()
        _ = try TopicsScreenTests.press(["/"] + "/score > 0.5".map { $0 == " " ? "space" : String($0) } + ["enter", "W"], &state, ctx: ctx)
        guard case .captureFile(let input) = state.mode else {
            Issue.record("W asks for a file name: \(state.mode)")
            return
        }
        #expect(input.text.hasPrefix("pipetop-capture-payments-") && input.text.hasSuffix(".ndjson"))
        #expect(try TopicsScreenTests.press(["ctrl+u"] + "m.ndjson".map { String($0) } + ["enter"], &state, ctx: ctx)
                == [.startCapture(path: "m.ndjson", filter: state.tailFilter, pipeline: nil)])
        _ = try TopicsScreenTests.press(["W", "ctrl+u"] + "m.csv".map { String($0) }, &state, ctx: ctx)
        #expect(try TopicsScreenTests.press(["enter"], &state, ctx: ctx).isEmpty)
        #expect(state.flash?.text == "a topic's messages are captured as NDJSON (name the file .ndjson)")
        // While it runs, the title counts what reached the file.
        var capturing = ctx
        capturing.capture = RecordCapture.Progress(path: "m.ndjson", written: 1_204)
        let lines = TopicsScreenTests.frame(state, width: 200, height: 12, ctx: capturing).lines
        #expect(lines.contains { $0.contains("● capturing: 1204 messages → m.ndjson") }, "\(lines)")
    }

    @Test func sSearchesTheDecodedValuesAndNMovesBetweenMatches() throws {
        let ctx = try Self.context()
        var state = Self.onTopicTail()
        func press(_ keys: [String]) throws {
            var context = AppContext(rowIDs: Dashboard.rowIDs(state, ctx), nowMs: Fixtures.t0)
            context.topicRecords = TopicTailScreen.records(ctx, state)
            for k in keys { _ = Update.apply(.key(Key(k)), to: &state, keymap: try Keymap(), context: context) }
        }
        // Messages, oldest first: rec-1 (0.93), rec-2 (0.12), a tombstone. Following: the newest is selected.
        try press(["s"] + "has(/score)".map { $0 == " " ? "space" : String($0) } + ["enter"])
        #expect(state.selection[.tail] == 1 && state.paused, "the nearest match at or before the newest: rec-2")
        #expect(state.flash?.text == "match 2 of 2 · paused, space to follow")
        try press(["n"])
        #expect(state.selection[.tail] == 0)
        try press(["n"])
        #expect(state.selection[.tail] == 1, "wrapped to the newest")
        let lines = TopicsScreenTests.frame(state, width: 160, height: 12, ctx: ctx).lines
        #expect(lines.contains { $0.contains("search: has(/score) (2 on screen)") }, "\(lines)")
        try press(["s", "ctrl+u"] + "/score > 5".map { $0 == " " ? "space" : String($0) } + ["enter"])
        #expect(state.flash?.text == "no message on screen matches /score > 5")
        // Leaving the topic forgets its search.
        state.history = [.topics]
        try press(["esc"])
        #expect(state.tailSearch == nil && state.tailTopic == nil)
    }

    @Test func compactFrameMatchesItsGolden() throws {
        assertSnapshot(TopicsScreenTests.frame(Self.onTopicTail(), width: 80, height: 24, ctx: try Self.context()), named: "screen-topic-tail-80x24")
    }
}
