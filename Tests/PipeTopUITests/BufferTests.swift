import Testing

@testable import PipeTopUI

@Test func writesAreClippedAtTheRightEdgeAndReportTheirWidth() {
    var buffer = Buffer(width: 5, height: 1)
    let used = buffer.set(string: "abcdefgh", at: (2, 0), style: .plain)
    #expect(used == 3)
    #expect(buffer.lines == ["  abc"])
}

@Test func wideGlyphTakesTwoCellsWithAContinuation() {
    var buffer = Buffer(width: 6, height: 1)
    buffer.set(string: "a模b", at: (0, 0), style: .plain)
    #expect(buffer[1, 0].grapheme == "模")
    #expect(buffer[2, 0].continuation)
    #expect(buffer[3, 0].grapheme == "b")
    #expect(buffer.lines == ["a模b  "])
}

@Test func wideGlyphThatWouldStraddleTheRightEdgeIsNotWritten() {
    var buffer = Buffer(width: 4, height: 1)
    let used = buffer.set(string: "abc模", at: (0, 0), style: .plain)
    #expect(used == 3)
    #expect(buffer[3, 0] == .blank)
    #expect(buffer.lines == ["abc "])
}

@Test func wideGlyphRespectsMaxWidthToo() {
    var buffer = Buffer(width: 10, height: 1)
    #expect(buffer.set(string: "模型", at: (0, 0), style: .plain, maxWidth: 3) == 2)
    #expect(buffer.lines == ["模        "])
}

@Test func combiningMarkStaysInItsBaseCell() {
    var buffer = Buffer(width: 4, height: 1)
    #expect(buffer.set(string: "e\u{301}x", at: (0, 0), style: .plain) == 2)
    #expect(buffer[0, 0].grapheme == "e\u{301}")
    #expect(buffer[1, 0].grapheme == "x")
}

@Test func controlCharactersAreNeverWrittenRaw() {
    var buffer = Buffer(width: 8, height: 1)
    buffer.set(string: "a\u{1B}[2Jb\tc", at: (0, 0), style: .plain)
    #expect(buffer.lines == ["a?[2Jb c"])
}

@Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
    var buffer = Buffer(width: 4, height: 1)
    buffer.set(string: "模型", at: (0, 0), style: .plain)
    buffer.set(string: "x", at: (1, 0), style: .plain)
    #expect(buffer.lines == [" x型"])
    #expect(!buffer[1, 0].continuation)
}

@Test func writesOutsideTheBufferAreIgnored() {
    var buffer = Buffer(width: 3, height: 1)
    buffer.set(string: "abcdef", at: (-2, 0), style: .plain)
    buffer.set(string: "zzz", at: (0, 5), style: .plain)
    buffer[7, 7] = Cell("q")
    #expect(buffer.lines == ["cde"])
}

@Test func fillAndSetStyleStayInsideTheRect() {
    let red = Style(fg: .basic(1))
    var buffer = Buffer.with(lines: ["abc", "def"])
    buffer.setStyle(Rect(x: 1, y: 0, width: 5, height: 1), style: red)
    #expect(buffer[1, 0].style == red && buffer[2, 0].style == red)
    #expect(buffer[0, 0].style == .plain && buffer[1, 1].style == .plain)
    #expect(buffer[1, 0].grapheme == "b")
    buffer.fill(Rect(x: 0, y: 1, width: 2, height: 1), style: red)
    #expect(buffer.lines == ["abc", "  f"])
}

@Test func diffReturnsOnlyChangedCells() {
    let before = Buffer.with(lines: ["abc", "def"])
    var after = before
    after.set(string: "X", at: (1, 1), style: .plain)
    let changes = after.diff(from: before)
    #expect(changes.count == 1)
    #expect(changes.first?.x == 1 && changes.first?.y == 1 && changes.first?.cell.grapheme == "X")
    #expect(before.diff(from: before).isEmpty)
}

@Test func diffAgainstAResizedBufferReturnsEveryCell() {
    let small = Buffer(width: 2, height: 2)
    let large = Buffer(width: 3, height: 2)
    #expect(large.diff(from: small).count == 6)
}

@Test func withLinesMeasuresWideGlyphsOnce() {
    let buffer = Buffer.with(lines: ["模x", "ab"])
    #expect(buffer.width == 3)
    #expect(buffer.lines == ["模x", "ab "])
}
