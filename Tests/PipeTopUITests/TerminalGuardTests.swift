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

/// Everything readable from `fd` right now (it must be non-blocking).
private func drain(_ fd: Int32) -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return bytes }
        bytes += buffer.prefix(n)
    }
}

private func nonBlockingPipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
    return (fds[0], fds[1])
}

/// The only test that touches the guard's process-wide state (signal handlers), so nothing
/// races it. A pipe stands in for stderr: the test runner's own stderr is left alone.
@Test func restoreWritesTheSequenceOnceAndGivesBackWhatWentToStderr() throws {
    let terminal = try nonBlockingPipe()
    let errors = try nonBlockingPipe()
    defer {
        for fd in [terminal.read, terminal.write, errors.read, errors.write] { close(fd) }
    }
    // A pipe is not a terminal: the guard still runs, with no termios to restore.
    #expect(
        TerminalGuard.install(input: terminal.read, output: terminal.write, errors: errors.write)
            == false)
    defer { TerminalGuard.uninstall() }
    TerminalGuard.restore()  // not on screen yet: nothing to write
    #expect(drain(terminal.read).isEmpty)

    TerminalGuard.enteredProgramMode()
    let message = Array("Fatal error: while on screen\n".utf8)
    _ = write(errors.write, message, message.count)
    #expect(drain(errors.read).isEmpty, "stderr is held back while the UI is on screen")

    TerminalGuard.restore()
    TerminalGuard.restore()
    #expect(drain(terminal.read) == TerminalGuard.restoreSequence)
    #expect(drain(errors.read) == message)
    _ = write(errors.write, message, message.count)
    #expect(drain(errors.read) == message, "the descriptor is the caller's again")
    #expect(TerminalGuard.takeRedrawRequest() == false)
}
