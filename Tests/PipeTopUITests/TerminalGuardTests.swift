import Testing
@testable import PipeTopUI

#if canImport(Glibc)
import Glibc
#endif

@Test func restoreSequenceResetsEverythingAndLeavesTheAlternateScreenLast() {
    let text = String(decoding: TerminalGuard.restoreSequence, as: UTF8.self)
    #expect(text == "\u{18}\u{1B}[0m\u{1B}[?1l\u{1B}>\u{1B}[?2004l\u{1B}[?25h\u{1B}[?1049l")
}

@Test func reenterSequenceUndoesTheRestore() {
    let text = String(decoding: TerminalGuard.reenterSequence, as: UTF8.self)
    #expect(text == "\u{1B}[?1049h\u{1B}[?1h\u{1B}=\u{1B}[?25l\u{1B}[?2004h")
}

/// The only test that touches the guard's process-wide state, so nothing races it.
@Test func restoreWritesTheSequenceOnceAndOnlyWhileTheUIIsOnScreen() throws {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    defer {
        close(fds[0])
        close(fds[1])
    }
    // A pipe is not a terminal: the guard still runs, with no termios to restore.
    #expect(TerminalGuard.install(input: fds[0], output: fds[1]) == false)
    defer { TerminalGuard.uninstall() }
    TerminalGuard.restore()  // not on screen yet: nothing to write
    TerminalGuard.enteredProgramMode()
    TerminalGuard.restore()
    TerminalGuard.restore()
    _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
    var buffer = [UInt8](repeating: 0, count: 256)
    let count = read(fds[0], &buffer, buffer.count)
    #expect(Array(buffer.prefix(max(0, count))) == TerminalGuard.restoreSequence)
    #expect(TerminalGuard.takeRedrawRequest() == false)
}
