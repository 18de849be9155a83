import CNcurses

/// Reads keys, pastes and resizes from the terminal `NcursesBackend` drew on.
///
/// Blocks in curses' `get_wch` with a timeout (a `poll` underneath), so an idle dashboard
/// sleeps instead of spinning. Decoding lives in `KeyDecoder`, which is tested on its own.
public final class InputReader: InputSource {
    private let backend: NcursesBackend
    private var decoder = KeyDecoder()
    private var pending: [InputEvent] = []
    private let clock = ContinuousClock()
    private var lastInput: ContinuousClock.Instant
    /// A paste whose end marker has not come after this long was cut off; end it.
    private static let pasteStall = Duration.milliseconds(500)

    public init(backend: NcursesBackend) {
        self.backend = backend
        lastInput = clock.now
    }

    /// The next event, or nil when `timeoutMs` passed without one. `.resize` also follows a
    /// resume from Ctrl-Z: on `.resize`, clear the backend and draw the whole frame.
    public func next(timeoutMs: Int) -> InputEvent? {
        if !pending.isEmpty { return pending.removeFirst() }
        let deadline = clock.now.advanced(by: .milliseconds(max(0, timeoutMs)))
        while backend.isRunning, let window = pt_stdscr() {
            if TerminalGuard.takeRedrawRequest() {
                // Back from Ctrl-Z: show the last frame at once, then let the app re-lay out
                // (the window may have been resized while we were stopped).
                backend.repaint()
                return currentSize()
            }
            let now = clock.now
            var wait = max(Duration.zero, deadline - now)
            // Mid-sequence, the rest is already in curses' queue (it waited ESCDELAY itself).
            if decoder.isMidSequence { wait = .zero }
            if decoder.isPasting { wait = min(wait, Self.pasteStall) }
            // Rounded up: a wait rounded down to 0 ms would return at once and spin here in
            // poll(2) for the rest of the millisecond, every frame.
            wtimeout(window, Int32(clamping: wait.components.seconds * 1000
                + (wait.components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
            var character: wint_t = 0
            let status = wget_wch(window, &character)
            let events: [InputEvent]
            if status == pt_err() {
                if decoder.isMidSequence {
                    events = decoder.timeout()
                } else if decoder.isPasting && clock.now - lastInput >= Self.pasteStall {
                    events = decoder.abandonPaste()
                } else if clock.now >= deadline {
                    return nil
                } else {
                    continue  // interrupted by a signal (Ctrl-Z, resize): wait out the rest
                }
            } else if status == pt_key_code_yes() {
                let code = Int32(bitPattern: character)
                lastInput = clock.now
                // curses has already resized its windows by the time it reports KEY_RESIZE.
                events = code == pt_key_resize()
                    ? decoder.timeout() + [currentSize()] : decoder.feed(.keyCode(code))
            } else {
                lastInput = clock.now
                events = decoder.feed(.character(character))
            }
            if let first = events.first {
                pending.append(contentsOf: events.dropFirst())
                return first
            }
            if clock.now >= deadline && !decoder.isMidSequence { return nil }
        }
        return nil
    }

    private func currentSize() -> InputEvent {
        let size = backend.size
        return .resize(columns: size.columns, rows: size.rows)
    }

    /// Whether `KeyDecoder`'s hard-coded key codes are this curses' codes.
    static func keyCodesMatchCurses() -> Bool {
        typealias Code = KeyDecoder.Code
        let pairs: [(Int32, Int32)] = [
            (Code.down, pt_key_down()), (Code.up, pt_key_up()), (Code.left, pt_key_left()),
            (Code.right, pt_key_right()), (Code.home, pt_key_home()), (Code.end, pt_key_end()),
            (Code.pageDown, pt_key_npage()), (Code.pageUp, pt_key_ppage()),
            (Code.backspace, pt_key_backspace()), (Code.delete, pt_key_dc()),
            (Code.enter, pt_key_enter()), (Code.backTab, pt_key_btab()), (Code.f0, pt_key_f(0)),
        ]
        return pairs.allSatisfy { $0.0 == $0.1 }
    }
}
