import Foundation
import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Tail screen's record view, file export and pause counter.
@Suite struct TailScreenTests {
    static let snapshot = Fixtures.snapshot()

    static func frame(_ s: AppState, _ view: ViewContext, height: Int = 40) -> String {
        var buffer = Buffer(width: 120, height: height)
        Dashboard.render(s, view, into: &buffer)
        return buffer.lines.joined(separator: "\n")
    }

    static func tailState() -> AppState {
        var s = AppState()
        s.screen = .tail
        s.pipeline = "fraud"
        return s
    }

    /// A mapped pipeline's record says which message it was read from, and how to print it.
    @Test func aMappedRecordNamesTheMessageItWasReadFrom() {
        var e = ScoredEvent(pipeline: "wine", tsMs: Fixtures.t0, key: "r-1", model: "rf", version: 2, score: 0.9)
        #expect(!TailScreen.detail(e).contains { $0.contains("mapped from") }, "a contract record is its own message")
        e.origin = MessageOrigin(topic: "wine.scored", partition: 2, offset: 1841)
        #expect(TailScreen.detail(e)[1] == "mapped from wine.scored[2]@1841 (pipetop tail -t wine.scored -p 2 -o 1841 -c 1 prints it)")
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
        #expect(screen.contains(#""type": "scored","#), "the record as contract JSON, a member a line")
        #expect(screen.contains(#""features": {"#) && screen.contains(#""amount": "#), "with every feature")
        _ = Update.apply(.key(Key("esc")), to: &s, keymap: keymap, context: c)
        #expect(!s.showRecord && s.screen == .tail)
    }

    @Test func aRecordTallerThanTheScreenScrollsByPagesAndSaysWhereItIs() throws {
        let view = try Fixtures.context(Self.snapshot)
        var s = Self.tailState()
        let keymap = try Keymap()
        s.size = (120, 16)
        var c = AppContext(rowIDs: Dashboard.rowIDs(s, view), nowMs: 1, pageRows: 10, snapshot: Self.snapshot)
        _ = Update.apply(.key(Key("enter")), to: &s, keymap: keymap, context: c)
        c.recordMaxScroll = Dashboard.openRecordMaxScroll(s, view)
        let record = try #require(TailScreen.records(view, s).last)
        let lines = TailScreen.detail(record).count
        var screen = Self.frame(s, view, height: 16)
        #expect(screen.contains("lines 1-9 of \(lines)"), "a 16-row terminal shows 9 of the record's lines")
        #expect(screen.contains(#""type": "scored","#) && !screen.contains(#""features": {"#))
        for _ in 0..<10 { _ = Update.apply(.key(Key("pgdown")), to: &s, keymap: keymap, context: c) }
        screen = Self.frame(s, view, height: 16)
        #expect(s.recordScroll == lines - 9, "scrolling stops at the last page")
        #expect(screen.contains("lines \(lines - 8)-\(lines) of \(lines)") && screen.contains(#""amount": "#))
        _ = Update.apply(.key(Key("pgup")), to: &s, keymap: keymap, context: c)
        #expect(s.recordScroll == lines - 14, "half a page (5 of 10 rows) back")
        _ = Update.apply(.key(Key("up")), to: &s, keymap: keymap, context: c)
        #expect(s.recordScroll == 0 && s.showRecord, "the previous record opens at its top")
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
        #expect(RecordFile.write(records, to: "/nonexistent/dir/x.ndjson") == "cannot write /nonexistent/dir/x.ndjson: No such file or directory")
        #expect(RecordFile.write(records, to: dir.path) == "cannot write \(dir.path): Is a directory", "the reason, not Foundation's error 512")
    }

    @Test func pausedTheTailSaysHowManyArrivedSince() throws {
        var view = try Fixtures.context(Self.snapshot)
        var s = Self.tailState()
        s.paused = true
        s.pausedAtScored = Self.snapshot.scoredTotal
        view.liveScoredTotal = Self.snapshot.scoredTotal + 1_500
        #expect(Self.frame(s, view).contains("PAUSED · 1500 arrived since"))
    }

    @Test func lookingBackHoldsTheLiveTailStillAndFollowingResumes() throws {
        let view = try Fixtures.context(Self.snapshot)
        let keymap = try Keymap()
        var s = Self.tailState()
        let c = AppContext(rowIDs: Dashboard.rowIDs(s, view), nowMs: 1, snapshot: Self.snapshot)
        func press(_ key: String) { _ = Update.apply(.key(Key(key)), to: &s, keymap: keymap, context: c) }
        // Opening a record pauses, so the record stays the one opened; closing follows again.
        press("enter")
        #expect(s.showRecord && s.paused && s.pausedAtScored == Self.snapshot.scoredTotal)
        press("k")
        #expect(s.showRecord && s.paused, "browsing records in the open view")
        press("esc")
        #expect(!s.showRecord && !s.paused && s.selection[.tail] == nil, "following the newest again")
        // Moving up pauses too, and says how to follow again; space does.
        press("k")
        #expect(s.paused && s.selection[.tail] == c.rowIDs.count - 2)
        #expect(s.flash?.text == "paused while you look back · space to follow")
        press("space")
        #expect(!s.paused && s.selection[.tail] == nil)
        // Paused by hand, a record opened and closed leaves the display paused.
        press("space")
        press("enter")
        press("esc")
        #expect(s.paused && !s.showRecord)
        // Moving down on a live tail does not pause (the newest row is already selected).
        press("space")
        press("j")
        #expect(!s.paused)
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
