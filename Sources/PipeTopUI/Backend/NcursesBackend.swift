import CNcurses

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, drawn through ncursesw: wide glyphs, 256 colours, the terminal's own
/// background, alternate screen, hidden cursor, restored on every exit path.
///
/// The only type (with `InputReader`) that touches curses. Not thread-safe: the UI loop owns it.
public final class NcursesBackend: Backend {
    private var screen: OpaquePointer?
    private var pairs = ColorPairTable(colors: 0, pairLimit: 0, defaultColors: false)
    private var attributeCache: [Modifiers: attr_t] = [:]
    /// Whether the locale's character set is UTF-8; if not, every non-ASCII glyph is drawn as
    /// its `NarrowGlyph`.
    private var unicode = true

    /// Bracketed paste is not in terminfo; every terminal that lacks it ignores these.
    private static let pasteOn: [UInt8] = Array("\u{1B}[?2004h".utf8)
    private static let pasteOff: [UInt8] = Array("\u{1B}[?2004l".utf8)

    public init() {}

    /// Colours the terminal can show (0 without colour), for `Theme.degraded(colors:)`.
    public var colors: Int { isRunning && has_colors() ? Int(pt_colors()) : 0 }

    /// True between `start()` and `stop()`.
    public var isRunning: Bool { screen != nil }

    /// Takes over the terminal. Installs `TerminalGuard` first, so that signals arriving
    /// while curses starts already restore the terminal.
    public func start() throws(NcursesError) {
        guard screen == nil else { return }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        // Without the locale, curses treats UTF-8 as bytes and wide glyphs come out mangled.
        setlocale(LC_ALL, "")
        unicode = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } == "UTF-8"
        TerminalGuard.install()
        guard let created = newterm(nil, pt_stdout(), pt_stdin()) else {
            TerminalGuard.uninstall()
            throw .cannotOpenTerminal(term: getenv("TERM").map { String(cString: $0) } ?? "")
        }
        // terminfo's `cup`: absent (nil) or not a string capability (-1) on a dumb terminal.
        let cup = tigetstr("cup")
        guard let cup, Int(bitPattern: cup) != -1 else {
            endwin()
            delscreen(created)
            TerminalGuard.uninstall()
            throw .noCursorAddressing(term: getenv("TERM").map { String(cString: $0) } ?? "")
        }
        screen = created
        // cbreak, not raw: Ctrl-C and Ctrl-Z must stay signals (TerminalGuard restores on them).
        cbreak()
        noecho()
        nonl()
        let window = pt_stdscr()
        keypad(window, true)
        intrflush(window, false)
        // The cursor is hidden, so curses need not move it back after each update.
        leaveok(window, true)
        curs_set(0)
        // Short, so `esc` answers at once; long enough for a key's escape sequence to arrive.
        set_escdelay(25)
        var defaultColors = false
        if has_colors() {
            start_color()
            defaultColors = use_default_colors() == pt_ok()
        }
        pairs = ColorPairTable(
            colors: has_colors() ? Int(pt_colors()) : 0, pairLimit: Int(pt_color_pairs()),
            defaultColors: defaultColors)
        wnoutrefresh(window)
        doupdate()
        Self.pasteOn.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress {
                TerminalGuard.writeAll(base, count: bytes.count, to: STDOUT_FILENO)
            }
        }
        TerminalGuard.enteredProgramMode()
    }

    /// Gives the terminal back (normal exit). Safe to call more than once, or without `start`.
    public func stop() {
        guard let current = screen else {
            TerminalGuard.restore()
            return
        }
        screen = nil
        Self.pasteOff.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress {
                TerminalGuard.writeAll(base, count: bytes.count, to: STDOUT_FILENO)
            }
        }
        endwin()
        TerminalGuard.disarm()
        TerminalGuard.uninstall()
        delscreen(current)
    }

    public var size: (columns: Int, rows: Int) {
        guard screen != nil, let window = pt_stdscr() else { return (0, 0) }
        return (Int(pt_getmaxx(window)), Int(pt_getmaxy(window)))
    }

    public func draw(_ cells: [(x: Int, y: Int, cell: Cell)]) {
        guard screen != nil, let window = pt_stdscr() else { return }
        var wide = cchar_t()
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 6) { text in
            guard let base = text.baseAddress else { return }
            for (x, y, cell) in cells where !cell.continuation {
                let attributes = attributes(for: cell.style.modifiers)
                let pair = pairNumber(for: cell.style)
                // A spacing character plus at most four combining marks fit in a cchar_t.
                var count = 0
                switch unicode ? nil : cell.grapheme.unicodeScalars.first.flatMap(NarrowGlyph.of) {
                case .lineDrawing(let letter)?:
                    // The window's rendition applies to what is added, as to text.
                    _ = wattr_set(window, attributes, Int16(pair), nil)
                    _ = mvwadd_wch(window, Int32(y), Int32(x), pt_wacs(Int32(letter)))
                    _ = wattr_set(window, 0, 0, nil)
                    continue
                case .ascii(let c)?:
                    text[0] = wchar_t(c)
                    count = 1
                case nil:
                    // Without UTF-8, the ASCII character without its combining marks.
                    for scalar in cell.grapheme.unicodeScalars where count < (unicode ? 5 : 1) {
                        text[count] = wchar_t(bitPattern: Self.printable(scalar.value))
                        count += 1
                    }
                }
                if count == 0 {
                    text[0] = 32
                    count = 1
                }
                text[count] = 0
                if setcchar(&wide, base, attributes, Int16(pair), nil) != pt_ok() {
                    // e.g. a ZWJ emoji sequence: several spacing characters; show the first.
                    text[1] = 0
                    _ = setcchar(&wide, base, attributes, Int16(pair), nil)
                }
                // The bottom-right cell reports ERR (the cursor cannot advance) yet is drawn.
                _ = mvwadd_wch(window, Int32(y), Int32(x), &wide)
            }
        }
    }

    public func clear() {
        guard screen != nil else { return }
        // Also sets clearok, so the next refresh repaints the physical screen from scratch.
        wclear(pt_stdscr())
    }

    public func flush() {
        guard screen != nil else { return }
        wrefresh(pt_stdscr())
    }

    /// Repaints every cell from curses' copy of the screen, e.g. after `fg`: the terminal
    /// showed the shell meanwhile, so nothing curses believes is on screen can be trusted.
    public func repaint() {
        guard screen != nil, let window = pt_stdscr() else { return }
        clearok(window, true)
        wrefresh(window)
    }

    /// Control characters would print as `^X` (two cells) and break the layout.
    private static func printable(_ value: UInt32) -> UInt32 {
        value < 0x20 || (0x7F...0x9F).contains(value) ? 0xFFFD : value
    }

    private func pairNumber(for style: Style) -> Int32 {
        let pair = pairs.pair(fg: style.fg, bg: style.bg)
        if let colors = pair.define {
            _ = init_pair(Int16(pair.number), Int16(colors.fg), Int16(colors.bg))
        }
        return pair.number
    }

    private func attributes(for modifiers: Modifiers) -> attr_t {
        if let known = attributeCache[modifiers] { return known }
        var value = pt_a_normal()
        if modifiers.contains(.bold) { value |= pt_a_bold() }
        if modifiers.contains(.dim) { value |= pt_a_dim() }
        if modifiers.contains(.reverse) { value |= pt_a_reverse() }
        if modifiers.contains(.underline) { value |= pt_a_underline() }
        attributeCache[modifiers] = value
        return value
    }
}
