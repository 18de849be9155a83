#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Puts the terminal back the way it was on every exit path: normal exit, fatal signals,
/// Swift traps, and Ctrl-Z (which also re-enters the UI on `fg`).
///
/// Signal state is process-wide, so this is a namespace over global state prepared before any
/// handler can run. Handlers only call async-signal-safe functions (`write`, `tcsetattr`,
/// `sigaction`, `pthread_sigmask`, `raise`): not `endwin`, which allocates and can find
/// curses' buffers half-written. They write the saved byte sequences and the saved termios,
/// which is all `endwin` does that matters on an xterm-like terminal.
public enum TerminalGuard {
    /// Bytes that return an xterm-like terminal to the shell: cancel any half-written escape
    /// sequence (CAN), reset attributes, keypad off (rmkx), bracketed paste off, cursor
    /// visible, leave the alternate screen.
    public static let restoreSequence: [UInt8] = Array(
        "\u{18}\u{1B}[0m\u{1B}[?1l\u{1B}>\u{1B}[?2004l\u{1B}[?25h\u{1B}[?1049l".utf8)

    /// Bytes that re-enter the UI after `fg`: alternate screen, keypad on (smkx), cursor
    /// hidden, bracketed paste on.
    public static let reenterSequence: [UInt8] = Array(
        "\u{1B}[?1049h\u{1B}[?1h\u{1B}=\u{1B}[?25l\u{1B}[?2004h".utf8)

    /// Signals whose default action ends the process; the terminal must be restored first.
    /// Ctrl-C is SIGINT and Ctrl-\ SIGQUIT (cbreak keeps them signals); SIGILL (x86-64) and
    /// SIGTRAP (arm64) are Swift traps: `precondition`, overflow, unwrapping nil.
    public static let fatalSignals: [Int32] = [
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE,
    ]

    /// Saves the terminal's current termios and installs the handlers. Call before curses
    /// starts, so curses sees our handlers and leaves SIGINT/SIGTERM/SIGTSTP to us.
    /// Idempotent; returns false when the input is not a terminal (nothing to restore then).
    /// `errors` is the descriptor held back while the UI is on screen (stderr).
    @discardableResult
    public static func install(
        input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO,
        errors: Int32 = STDERR_FILENO
    ) -> Bool {
        let storage = GuardStorage.shared  // first touch runs the lazy initialiser, here
        guard !storage.installed.load(ordering: .acquiring) else { return storage.hasTermios }
        storage.inputFD = input
        storage.outputFD = output
        storage.errorFD = errors
        storage.hasTermios = tcgetattr(input, storage.original) == 0
        storage.programTermios.pointee = storage.original.pointee
        for signal in fatalSignals { installHandler(signal, action: onFatalSignal) }
        installHandler(SIGTSTP, action: onSuspend)
        if !storage.exitHookRegistered.exchange(true, ordering: .acquiringAndReleasing) {
            atexit { TerminalGuard.restore() }
        }
        storage.installed.store(true, ordering: .releasing)
        return storage.hasTermios
    }

    /// Marks the UI as on screen and remembers curses' termios (cbreak, no echo) so `fg` can
    /// put it back. Call once curses has set its modes. From here until the UI leaves the
    /// screen, stderr goes to a temporary file (a stray log line would tear the frame, and the
    /// runtime's "Fatal error: …" would vanish with the alternate screen); leaving replays it.
    public static func enteredProgramMode() {
        let storage = GuardStorage.shared
        if storage.hasTermios { _ = tcgetattr(storage.inputFD, storage.programTermios) }
        if storage.stderrCapture.load(ordering: .acquiring) < 0, let file = tmpfile() {
            storage.stderrCapture.store(fileno(file), ordering: .releasing)
        }
        // Not active yet, so no handler reads the old descriptor while it is replaced.
        let terminalStderr = dup(storage.errorFD)
        let previous = storage.savedStderr.exchange(
            terminalStderr, ordering: .acquiringAndReleasing)
        if previous >= 0 { close(previous) }
        captureStandardError()
        storage.active.store(true, ordering: .releasing)
    }

    /// Writes the restore sequence and the saved termios, once, then gives stderr back with
    /// what was written to it meanwhile. Safe in a signal handler; a second call (or a call
    /// when the UI is not on screen) does nothing.
    public static func restore() {
        let storage = GuardStorage.shared
        guard storage.active.exchange(false, ordering: .acquiringAndReleasing) else { return }
        writeAll(storage.restoreBytes, count: storage.restoreCount, to: storage.outputFD)
        if storage.hasTermios { _ = tcsetattr(storage.inputFD, TCSADRAIN, storage.original) }
        releaseStandardError()
    }

    /// The UI left the screen cleanly (curses' `endwin` ran): only stderr is left to give back.
    public static func disarm() {
        let storage = GuardStorage.shared
        guard storage.active.exchange(false, ordering: .acquiringAndReleasing) else { return }
        releaseStandardError()
    }

    /// Points stderr at the capture file (async-signal-safe: `dup2`).
    static func captureStandardError() {
        let storage = GuardStorage.shared
        let capture = storage.stderrCapture.load(ordering: .acquiring)
        if capture >= 0 { _ = dup2(capture, storage.errorFD) }
    }

    /// Points stderr back at the terminal and copies over the last 64 KiB captured, then
    /// empties the capture. Async-signal-safe: `dup2`, `lseek`, `read`, `write`, `ftruncate`.
    static func releaseStandardError() {
        let storage = GuardStorage.shared
        let saved = storage.savedStderr.load(ordering: .acquiring)
        let capture = storage.stderrCapture.load(ordering: .acquiring)
        guard saved >= 0, capture >= 0 else { return }
        _ = dup2(saved, storage.errorFD)
        let end = lseek(capture, 0, SEEK_END)
        if end > 0, lseek(capture, max(0, end - 65_536), SEEK_SET) >= 0 {
            while true {
                let n = read(capture, storage.copyBuffer, GuardStorage.copyBufferSize)
                guard n > 0 else { break }
                writeAll(storage.copyBuffer, count: n, to: storage.errorFD)
            }
        }
        _ = ftruncate(capture, 0)
        _ = lseek(capture, 0, SEEK_SET)
    }

    /// Puts back the signal handlers that were there before `install` (after `restore`).
    public static func uninstall() {
        let storage = GuardStorage.shared
        guard storage.installed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        for signal in fatalSignals + [SIGTSTP] where storage.replaced(signal) {
            _ = sigaction(signal, storage.previous + Int(signal), nil)
        }
        storage.clearReplaced()
    }

    /// True once after the process came back from Ctrl-Z: everything must be redrawn.
    public static func takeRedrawRequest() -> Bool {
        GuardStorage.shared.redraw.exchange(false, ordering: .acquiringAndReleasing)
    }

    private typealias Handler = @convention(c) (
        Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?
    ) -> Void

    private static func installHandler(_ signal: Int32, action: Handler) {
        let storage = GuardStorage.shared
        var previous = sigaction()
        guard sigaction(signal, nil, &previous) == 0 else { return }
        // Someone (nohup, a parent shell) chose to ignore it: keep it ignored.
        if unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == 1 { return }
        var handler = sigaction()
        handler.__sigaction_handler.sa_sigaction = action
        handler.sa_flags = SA_SIGINFO | SA_RESTART
        sigemptyset(&handler.sa_mask)
        (storage.previous + Int(signal)).pointee = previous
        if sigaction(signal, &handler, nil) == 0 { storage.markReplaced(signal) }
    }

    /// Writes every byte, retrying after interruptions; gives up quietly on a dead terminal.
    static func writeAll(_ bytes: UnsafePointer<UInt8>, count: Int, to fd: Int32) {
        var done = 0
        while done < count {
            let n = write(fd, bytes + done, count - done)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// Restores the terminal, then dies of the signal: a crash through the previous handler
/// (Swift's backtracer, so the crash report still prints), anything else by the default action.
private func onFatalSignal(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    TerminalGuard.restore()
    let storage = GuardStorage.shared
    let code = info?.pointee.si_code ?? 0
    let crash: Bool
    switch signal {
    case SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE:
        // From the kernel (si_code > 0): a real fault, which fires again when we return.
        crash = code > 0
    case SIGABRT:
        // abort() raises it in-process (SI_TKILL) and ensures death if a handler returns.
        crash = code == -6
    default:
        crash = false
    }
    if crash {
        _ = sigaction(signal, storage.previous + Int(signal), nil)
        if signal == SIGABRT { raise(signal) }
        return
    }
    // Sent to end us (kill, Ctrl-C, Ctrl-\): end, even where an earlier handler (Swift's
    // backtracer takes SIGQUIT and SIGSEGV) would print a report and carry on running.
    var defaultAction = sigaction()
    defaultAction.__sigaction_handler.sa_handler = SIG_DFL
    _ = sigaction(signal, &defaultAction, nil)
    raise(signal)  // delivered as soon as the handler returns
}

/// Ctrl-Z: restore the terminal, stop for real, and on `fg` re-enter the UI.
private func onSuspend(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    let savedErrno = errno
    defer { errno = savedErrno }
    let storage = GuardStorage.shared
    guard storage.active.load(ordering: .acquiring) else {
        stopProcess(storage)
        return
    }
    TerminalGuard.restore()
    stopProcess(storage)
    // Continued (fg): curses' modes and screen are back once its next refresh repaints all.
    if storage.hasTermios { _ = tcsetattr(storage.inputFD, TCSADRAIN, storage.programTermios) }
    TerminalGuard.writeAll(storage.reenterBytes, count: storage.reenterCount, to: storage.outputFD)
    TerminalGuard.captureStandardError()
    storage.active.store(true, ordering: .releasing)
    storage.redraw.store(true, ordering: .releasing)
}

/// Stops with SIGTSTP's default action; returns when the process is continued.
private func stopProcess(_ storage: GuardStorage) {
    var defaultAction = sigaction()
    defaultAction.__sigaction_handler.sa_handler = SIG_DFL
    var ours = sigaction()
    _ = sigaction(SIGTSTP, &defaultAction, &ours)
    // SIGTSTP is blocked while its handler runs; unblock it so the raise stops us now.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGTSTP)
    var previousMask = sigset_t()
    _ = pthread_sigmask(SIG_UNBLOCK, &unblock, &previousMask)
    raise(SIGTSTP)
    _ = pthread_sigmask(SIG_SETMASK, &previousMask, nil)
    _ = sigaction(SIGTSTP, &ours, nil)
}
