import Testing
import PipeTopCore
@testable import PipeTopUI

/// The header names the selected context, in the critical colour when it is protected, so
/// nobody mistakes production for staging.
@Suite struct HeaderContextTests {
    static let snapshot = Fixtures.snapshot()

    /// The header row of a full frame with `contextName` selected.
    static func header(_ contextName: String?, protected: Bool, theme: Theme = .defaultDark,
                       snapshot: StoreSnapshot = Self.snapshot) throws -> (Buffer, ViewContext) {
        var ctx = try Fixtures.context(snapshot)
        ctx.theme = theme
        ctx.contextName = contextName
        ctx.contextProtected = protected
        let state = AppState()
        var buffer = Buffer(width: 120, height: 40)
        Dashboard.render(state, ctx, into: &buffer)
        var row = Buffer(width: 120, height: 1)
        for x in 0..<120 { row[x, 0] = buffer[x, 0] }
        return (row, ctx)
    }

    /// The columns of the first occurrence of `text` on the row.
    static func columns(of text: String, in row: Buffer) throws -> Range<Int> {
        let line = try #require(row.lines.first)
        let range = try #require(line.range(of: text))
        let start = line.distance(from: line.startIndex, to: range.lowerBound)
        return start..<(start + text.count)
    }

    @Test func protectedContextIsNamedInTheCriticalColour() throws {
        let (row, ctx) = try Self.header("prod-eu", protected: true)
        assertSnapshot(row, named: "header-protected-context")
        let critical = ctx.theme.style(for: .critical)
        for x in try Self.columns(of: "prod-eu PROTECTED", in: row) {
            #expect(row[x, 0].style.fg == critical.fg, "column \(x)")
        }
    }

    @Test func unprotectedContextIsNamedWithoutAlarm() throws {
        let (row, ctx) = try Self.header("staging", protected: false)
        let line = try #require(row.lines.first)
        #expect(line.hasPrefix(" pipetop  staging  replay demo.ndjson"))
        #expect(!line.contains("PROTECTED"))
        let critical = ctx.theme.style(for: .critical)
        for x in try Self.columns(of: "staging", in: row) {
            #expect(row[x, 0].style.fg != critical.fg, "column \(x)")
        }
    }

    @Test func noContextNoName() throws {
        let (row, _) = try Self.header(nil, protected: false)
        #expect(try #require(row.lines.first).hasPrefix(" pipetop  replay demo.ndjson"))
    }

    /// Monochrome terminals cannot show the colour, so the word carries it.
    @Test func protectedSaysSoInMono() throws {
        let (row, _) = try Self.header("prod-eu", protected: true, theme: .mono)
        #expect(try #require(row.lines.first).contains(" prod-eu PROTECTED "))
    }

    /// A live source gone quiet says since when nothing arrived, in the warning colour, next to
    /// the rates that fell.
    @Test func aQuietLiveSourceSaysSinceWhenNothingArrived() throws {
        var quiet = Self.snapshot
        quiet.quietSinceMs = 1_764_000_131_000  // 2025-11-24T16:02:11Z
        let (row, ctx) = try Self.header(nil, protected: false, snapshot: quiet)
        let line = try #require(row.lines.first)
        #expect(line.contains(" rec/s in · nothing since 16:02:11 · "))
        for x in try Self.columns(of: "nothing since 16:02:11", in: row) {
            #expect(row[x, 0].style.fg == ctx.theme.style(for: .warn).fg, "column \(x)")
        }
        #expect(!(try #require(Self.header(nil, protected: false).0.lines.first)).contains("nothing since"))
    }
}
