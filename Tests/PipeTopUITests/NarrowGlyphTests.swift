import Testing
import PipeTopCore
@testable import PipeTopUI

/// Where the locale is not UTF-8 every glyph the screens draw has a stand-in of one ASCII
/// character or the terminal's own line drawing: none falls back to `?`.
@Suite struct NarrowGlyphTests {
    @Test func everyGlyphOfEveryScreenHasAStandIn() throws {
        var seen: Set<Unicode.Scalar> = []
        for screen in Screen.allCases {
            var state = AppState()
            state.screen = screen
            state.pipeline = "fraud"
            var buffer = Buffer(width: 200, height: 60)
            Dashboard.render(state, try Fixtures.context(Fixtures.snapshot()), into: &buffer)
            for cell in buffer.cells where !cell.continuation {
                for scalar in cell.grapheme.unicodeScalars where scalar.value >= 0x80 { seen.insert(scalar) }
            }
        }
        #expect(seen.count > 10, "the screens draw box lines, bars and separators: \(seen)")
        for scalar in seen {
            #expect(NarrowGlyph.of(scalar) != .ascii(UInt8(ascii: "?")), "no stand-in for \(scalar) U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func boxDrawingIsLineDrawingAndTextKeepsItsWidth() {
        #expect(NarrowGlyph.of("─") == .lineDrawing(UInt8(ascii: "q")))
        #expect(NarrowGlyph.of("┘") == .lineDrawing(UInt8(ascii: "j")))
        #expect(NarrowGlyph.of("·") == .ascii(UInt8(ascii: "-")))
        #expect(NarrowGlyph.of("▁") == .ascii(UInt8(ascii: "_")) && NarrowGlyph.of("█") == .ascii(UInt8(ascii: "#")))
        #expect(NarrowGlyph.of("⠁") == .ascii(UInt8(ascii: "'")) && NarrowGlyph.of("⣀") == .ascii(UInt8(ascii: ".")))
        #expect(NarrowGlyph.of("a") == nil)
        #expect(NarrowGlyph.of("日") == .ascii(UInt8(ascii: "?")))
    }
}
