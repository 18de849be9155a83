import Testing

@testable import PipeTopUI

private func frame(_ text: String) -> (inout Buffer) -> Void {
    { buffer in buffer.set(string: text, at: (0, 0), style: .plain) }
}

@Test func firstDrawSendsEveryCellAfterAClear() {
    let backend = TestBackend(columns: 4, rows: 2)
    let terminal = Terminal(backend: backend)
    #expect(terminal.draw(frame("hi")) == 8)
    #expect(backend.clearCount == 1)
    #expect(backend.lines == ["hi  ", "    "])
}

@Test func drawingTheSameFrameTwiceSendsNothingTheSecondTime() {
    let backend = TestBackend(columns: 10, rows: 3)
    let terminal = Terminal(backend: backend)
    terminal.draw(frame("pipetop"))
    terminal.draw(frame("pipetop"))
    #expect(backend.cellsPerFlush == [30, 0])
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

@Test func invalidateClearsAndResendsEverything() {
    let backend = TestBackend(columns: 5, rows: 2)
    let terminal = Terminal(backend: backend)
    terminal.draw(frame("ab"))
    terminal.invalidate()
    terminal.draw(frame("ab"))
    #expect(backend.clearCount == 2)
    #expect(backend.cellsPerFlush == [10, 10])
}

@Test func resizeRedrawsTheWholeFrameAtTheNewSize() {
    let backend = TestBackend(columns: 5, rows: 2)
    let terminal = Terminal(backend: backend)
    terminal.draw(frame("ab"))
    backend.size = (columns: 3, rows: 1)
    terminal.draw(frame("abcdef"))
    #expect(backend.lastFrameCellCount == 3)
    #expect(backend.lines == ["abc"])
    #expect(terminal.currentBuffer.width == 3)
}
