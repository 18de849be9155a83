import Testing

@testable import PipeTopUI

private func frame(_ text: String) -> (inout Buffer) -> Void {
    { buffer in buffer.set(string: text, at: (0, 0), style: .plain) }
}

@Test func firstDrawClearsAndSendsOnlyNonBlankCells() {
    let backend = TestBackend(columns: 4, rows: 2)
    let terminal = Terminal(backend: backend)
    #expect(terminal.draw(frame("hi")) == 2)
    #expect(backend.clearCount == 1)
    #expect(backend.lines == ["hi  ", "    "])
}

@Test func drawingTheSameFrameTwiceSendsNothingTheSecondTime() {
    let backend = TestBackend(columns: 10, rows: 3)
    let terminal = Terminal(backend: backend)
    terminal.draw(frame("pipetop"))
    terminal.draw(frame("pipetop"))
    #expect(backend.cellsPerFlush == [7, 0])
}

@Test func changingOneCellSendsOneCell() {
    let backend = TestBackend(columns: 10, rows: 3)
    let terminal = Terminal(backend: backend)
    terminal.draw(frame("pipetop"))
    terminal.draw(frame("pipeTop"))
    #expect(backend.lastFrameCellCount == 1)
    #expect(backend.lines[0] == "pipeTop   ")
}

@Test func eachDrawFlushesExactlyOnce() {
    let backend = TestBackend(columns: 5, rows: 1)
    let terminal = Terminal(backend: backend)
    for text in ["a", "b", "b", "c"] { terminal.draw(frame(text)) }
    #expect(backend.flushCount == 4)
    #expect(backend.cellsPerFlush.count == 4)
}

@Test func invalidateClearsAndResendsTheWholeFrame() {
    let backend = TestBackend(columns: 5, rows: 2)
    let terminal = Terminal(backend: backend)
    terminal.draw(frame("ab"))
    terminal.invalidate()
    terminal.draw(frame("ab"))
    #expect(backend.clearCount == 2)
    #expect(backend.cellsPerFlush == [2, 2])
}

@Test func resizeRedrawsTheWholeFrameAtTheNewSize() {
    let backend = TestBackend(columns: 5, rows: 2)
    let terminal = Terminal(backend: backend)
    terminal.draw(frame("ab"))
    backend.size = (columns: 3, rows: 1)
    terminal.draw(frame("abcdef"))
    #expect(backend.clearCount == 2)
    #expect(backend.lastFrameCellCount == 3)
    #expect(backend.lines == ["abc"])
    #expect(terminal.currentBuffer.width == 3)
}

@Test func aFrameThatBlanksOldTextSendsTheBlankedCells() {
    let backend = TestBackend(columns: 6, rows: 1)
    let terminal = Terminal(backend: backend)
    terminal.draw(frame("abc"))
    terminal.draw(frame("a"))
    #expect(backend.lastFrameCellCount == 2)
    #expect(backend.lines == ["a     "])
}

@Test func styleOnlyChangesAreSent() {
    let backend = TestBackend(columns: 3, rows: 1)
    let terminal = Terminal(backend: backend)
    terminal.draw { $0.set(string: "ok", at: (0, 0), style: Style(fg: .basic(2))) }
    terminal.draw { $0.set(string: "ok", at: (0, 0), style: Style(fg: .basic(1))) }
    #expect(backend.lastFrameCellCount == 2)
    #expect(backend.buffer[0, 0].style.fg == .basic(1))
}
