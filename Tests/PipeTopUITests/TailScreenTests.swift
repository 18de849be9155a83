import Foundation
import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Tail screen's record view, file export and pause counter.
@Suite struct TailScreenTests {
    static let snapshot = Fixtures.snapshot()

    static func frame(_ s: AppState, _ view: ViewContext) -> String {
        var state = s
        state.size = (120, 40)
        var buffer = Buffer(width: 120, height: 40)
        Dashboard.render(&state, view, into: &buffer)
        return buffer.lines.joined(separator: "\n")
    }

    static func tailState() -> AppState {
        var s = AppState()
        s.screen = .tail
        s.pipeline = "fraud"
        return s
    }

    @Test func enterShowsTheSelectedRecordInFullAndEscClosesIt() throws {
        let view = try Fixtures.context(Self.snapshot)
        var s = Self.tailState()
        let records = TailScreen.records(view, s)
        #expect(records.count > 10 && records.allSatisfy { $0.pipeline == "fraud" })
        let c = AppContext(rowIDs: Dashboard.rowIDs(s, view), nowMs: 1, snapshot: Self.snapshot)
        let keymap = try Keymap()
        _ = Update.apply(.key(Key("enter")), to: &s, keymap: keymap, context: c)
        #expect(s.showRecord)
        let last = try #require(records.last)
        let screen = Self.frame(s, view)
        #expect(screen.contains("fraud · \(last.key)"))
        #expect(screen.contains("amount"), "features are listed")
        #expect(screen.contains("\"type\":\"scored\""), "and the record as contract JSON")
        _ = Update.apply(.key(Key("esc")), to: &s, keymap: keymap, context: c)
        #expect(!s.showRecord && s.screen == .tail)
    }

    @Test func wWritesTheFilteredRecordsAsNDJSONOrCSV() throws {
        let view = try Fixtures.context(Self.snapshot)
        var s = Self.tailState()
        let key = try #require(TailScreen.records(view, s).last?.key)
        s.tailFilter = try RecordFilter(parsing: "key == \"\(key)\"")
        let records = TailScreen.records(view, s)
        #expect(!records.isEmpty && records.allSatisfy { $0.key.contains(key) })
        #expect(records.count < TailScreen.records(view, Self.tailState()).count)
        let c = AppContext(rowIDs: Dashboard.rowIDs(s, view), nowMs: 1_000, snapshot: Self.snapshot, tailRecords: records)
        let keymap = try Keymap()
        var effects = Update.apply(.key(Key("w")), to: &s, keymap: keymap, context: c)
        guard case .writeFile(let input) = s.mode else {
            Issue.record("no file prompt")
            return
        }
        #expect(input.text == "pipetop-tail-1.ndjson")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        s.mode = .writeFile(TextInput(text: path, prompt: ""))
        effects = Update.apply(.key(Key("enter")), to: &s, keymap: keymap, context: c)
        #expect(effects == [.writeRecords(path: path, records)])
        #expect(RecordFile.write(records, to: path) == nil)
        let csv = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "ts_ms,pipeline,key,model,version,role,score,prediction,label,latency_us,strategy,features.amount")
        #expect(csv.count == records.count + 1)
        let ndjson = dir.appendingPathComponent("out.ndjson").path
        #expect(RecordFile.write(records, to: ndjson) == nil)
        var decoder = EventDecoder()
        let lines = try String(contentsOfFile: ndjson, encoding: .utf8).split(separator: "\n")
        #expect(try lines.map { try decoder.decode(String($0)) } == records.map { .scored($0) })
        #expect(RecordFile.write(records, to: "/nonexistent/dir/x.ndjson")?.hasPrefix("cannot write /nonexistent/dir/x.ndjson") == true)
    }

    @Test func pausedTheTailSaysHowManyArrivedSince() throws {
        var view = try Fixtures.context(Self.snapshot)
        var s = Self.tailState()
        s.paused = true
        s.pausedAtScored = Self.snapshot.scoredTotal
        view.liveScoredTotal = Self.snapshot.scoredTotal + 1_500
        #expect(Self.frame(s, view).contains("PAUSED · 1500 arrived since"))
    }
}

extension TailScreenTests {
    @Test func slashFiltersWithTheLanguageAndKeepsTheOldFilterOnAnError() throws {
        let view = try Fixtures.context(Self.snapshot)
        var s = Self.tailState()
        let keymap = try Keymap()
        let c = AppContext(rowIDs: [], nowMs: 1, snapshot: Self.snapshot)
        func type(_ keys: [String]) { for k in keys { _ = Update.apply(.key(Key(k)), to: &s, keymap: keymap, context: c) } }
        type(["/"] + "score >= 0.25".map { $0 == " " ? "space" : String($0) })
        #expect(s.tailFilter?.text == "score >= 0.25")
        let high = TailScreen.records(view, s)
        #expect(!high.isEmpty && high.allSatisfy { $0.score >= 0.25 }, "\(s.tailFilter?.text ?? "nil") \(s.flash?.text ?? "") \(TailScreen.records(view, Self.tailState()).map(\.score).max() ?? -1)")
        // Typing on into an invalid expression: the error shows, the last valid filter stays.
        type(["space", "a", "n", "d", "space", "s", "c", "r", "o", "e", "space", ">", "space", "1"])
        #expect(s.tailFilter?.text == "score >= 0.25 ", "the last text that parsed")
        #expect(s.flash?.text.hasPrefix("filter: column") == true && s.flash?.role == .critical)
        type(["enter"])
        #expect(Self.frame(s, view).contains("filter: score >= 0.25"))
        type(["esc"])
        #expect(s.tailFilter == nil)
        #expect(TailScreen.records(view, s).count > high.count)
    }
}
