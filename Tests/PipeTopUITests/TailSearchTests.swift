import Foundation
import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Tail screen's `s` search with `n`/`N`, and `:columns`.
@Suite struct TailSearchTests {
    static let snapshot = Fixtures.snapshot()

    struct Screen {
        var s = TailScreenTests.tailState()
        let view: ViewContext
        let keymap: Keymap

        init() throws {
            view = try Fixtures.context(TailSearchTests.snapshot)
            keymap = try Keymap()
        }

        var records: [ScoredEvent] { TailScreen.records(view, s) }

        mutating func type(_ keys: [String]) {
            for k in keys {
                let c = AppContext(rowIDs: Dashboard.rowIDs(s, view), nowMs: 1, snapshot: TailSearchTests.snapshot, tailRecords: records)
                _ = Update.apply(.key(Key(k)), to: &s, keymap: keymap, context: c)
            }
        }

        mutating func type(text: String) {
            type(text.map { $0 == " " ? "space" : String($0) })
        }
    }

    @Test func searchJumpsToTheNewestMatchThenNOlderAndShiftNNewerWrappingAround() throws {
        var screen = try Screen()
        let records = screen.records
        let wanted = "features.amount >= 95"
        let search = try RecordFilter(parsing: wanted)
        let matches = records.indices.filter { search.matches(records[$0]) }
        try #require(matches.count >= 3 && matches.last! < records.count - 1, "the fixture has several matches, not at the bottom")
        screen.type(["s"])
        guard case .search = screen.s.mode else {
            Issue.record("s opens the search prompt")
            return
        }
        screen.type(text: wanted)
        screen.type(["enter"])
        #expect(screen.s.tailSearch?.text == wanted)
        #expect(screen.s.selection[.tail] == matches.last, "the newest match, up from the live edge")
        #expect(screen.s.paused && screen.s.pausedAtScored == Self.snapshot.scoredTotal, "jumping pauses, so the match stays put")
        #expect(screen.s.flash?.text.hasPrefix("match \(matches.count) of \(matches.count)") == true)
        screen.type(["n"])
        #expect(screen.s.selection[.tail] == matches[matches.count - 2])
        screen.type(["N"])
        #expect(screen.s.selection[.tail] == matches.last)
        screen.type(["N"])
        #expect(screen.s.selection[.tail] == matches.first, "past the newest match it wraps to the oldest")
        #expect(screen.s.flash?.text.contains("wrapped to the oldest") == true)
        screen.type(["n"])
        #expect(screen.s.selection[.tail] == matches.last, "and back")
        // Matching rows are marked, and the title counts them.
        let frame = TailScreenTests.frame(screen.s, screen.view)
        #expect(frame.contains("search: \(wanted) (\(matches.count) on screen)"))
    }

    @Test func aSearchThatDoesNotParseSaysWhereAndKeepsThePreviousOne() throws {
        var screen = try Screen()
        screen.s.tailSearch = try RecordFilter(parsing: "score > 0.5")
        screen.type(["s"])
        guard case .search(let input) = screen.s.mode else {
            Issue.record("s opens the search prompt")
            return
        }
        #expect(input.text == "score > 0.5", "the prompt starts from the current search")
        screen.type(["space", "a", "n", "d"])
        #expect(screen.s.flash?.role == .critical && screen.s.flash?.text.hasPrefix("search: column") == true)
        screen.type(["enter"])
        #expect(screen.s.tailSearch?.text == "score > 0.5")
        #expect(screen.s.mode == .normal)
    }

    @Test func nWithoutASearchOrWithoutAMatchSaysSoAndMovesNothing() throws {
        var screen = try Screen()
        screen.type(["n"])
        #expect(screen.s.flash?.text.hasPrefix("no search") == true && screen.s.selection[.tail] == nil && !screen.s.paused)
        screen.s.tailSearch = try RecordFilter(parsing: "score > 2")
        screen.type(["N"])
        #expect(screen.s.flash?.text == "no record on screen matches score > 2" && screen.s.selection[.tail] == nil)
    }

    @Test func columnsCommandChoosesTheTailColumnsAndRefusesUnknownOnes() throws {
        var screen = try Screen()
        screen.type([":"])
        screen.type(text: "columns time,key,features.amount,outcome")
        screen.type(["enter"])
        #expect(screen.s.tailColumns == [.time, .key, .feature("amount"), .outcome])
        let frame = TailScreenTests.frame(screen.s, screen.view)
        let header = try #require(frame.split(separator: "\n").first { $0.contains("TIME") })
        #expect(header.contains("AMOUNT") && header.contains("OUTCOME") && !header.contains("SCORE"))
        let last = try #require(screen.records.last)
        let amount = try #require(last.features.first { $0.name == "amount" }?.value)
        let row = try #require(frame.split(separator: "\n").last { $0.contains(last.key) })
        #expect(row.contains(" \(Int(amount)) "))
        #expect(row.contains(ScoredColumn.outcome(last).map { $0 ? "hit" : "miss" } ?? "-"))

        screen.type([":"])
        screen.type(text: "columns time,served")
        screen.type(["enter"])
        #expect(screen.s.flash?.role == .critical && screen.s.flash?.text.contains("unknown column \"served\"") == true)
        #expect(screen.s.tailColumns == [.time, .key, .feature("amount"), .outcome], "unchanged")
        screen.type([":"])
        screen.type(text: "columns default")
        screen.type(["enter"])
        #expect(screen.s.tailColumns == ScoredColumn.tailDefaults)
    }

    @Test func columnsCompleteFieldsAndTheFeaturesOnScreen() throws {
        let screen = try Screen()
        let c = AppContext(tailRecords: screen.records)
        #expect(CommandLine.complete("columns time,fea", context: c) == "columns time,features.amount ")
        #expect(CommandLine.complete("columns la", context: c) == "columns la")
        #expect(CommandLine.complete("columns lat", context: c) == "columns latency_us ")
        #expect(CommandLine.complete("colu", context: c) == "columns ")
    }
}
