/// Turns the terminal's stream of characters and curses key codes into `InputEvent`s.
///
/// Pure, so every mapping is tested without a terminal. It is stateful because some keys are
/// sequences: `esc` followed at once by a key is `alt+key`, and a bracketed paste arrives as
/// `ESC [200~ text ESC [201~`, which becomes one `.paste` so pasted text never hits a binding.
/// The reader calls `timeout()` when nothing follows a lone `ESC` within the escape delay.
public struct KeyDecoder: Sendable {
    /// curses key codes (curses.h, unchanged since SVr4); `NcursesKeyCodes` checks them.
    public enum Code {
        public static let down: Int32 = 0o402
        public static let up: Int32 = 0o403
        public static let left: Int32 = 0o404
        public static let right: Int32 = 0o405
        public static let home: Int32 = 0o406
        public static let backspace: Int32 = 0o407
        /// `KEY_F(n)` is `f0 + n`.
        public static let f0: Int32 = 0o410
        public static let delete: Int32 = 0o512
        public static let pageDown: Int32 = 0o522
        public static let pageUp: Int32 = 0o523
        public static let enter: Int32 = 0o527
        public static let backTab: Int32 = 0o541
        public static let end: Int32 = 0o550
    }

    private enum State: Sendable {
        case ground
        /// A lone ESC: alone it is `esc`, with a key right behind it `alt+key`.
        case escape
        /// Inside `ESC [` or `ESC O`: bytes curses did not recognise as a key.
        case sequence(introducer: UInt32, body: [UInt32])
        case paste
    }

    private static let escape: UInt32 = 27
    private static let pasteEnd: [UInt32] = [27, 91, 50, 48, 49, 126]  // ESC [ 2 0 1 ~

    private var state = State.ground
    private var pasted = String.UnicodeScalarView()
    /// How much of `ESC [201~` the paste has seen so far.
    private var pasteEndMatched = 0
    private var lastPastedWasCR = false

    public init() {}

    /// True when the decoder waits for the rest of a sequence: read on without blocking, and
    /// call `timeout()` if nothing is there.
    public var isMidSequence: Bool {
        switch state {
        case .escape, .sequence: return true
        case .ground, .paste: return false
        }
    }

    /// True between the start and end markers of a bracketed paste.
    public var isPasting: Bool {
        if case .paste = state { return true }
        return false
    }

    /// Feeds one unit; returns the events it completes (usually zero or one).
    public mutating func feed(_ input: RawInput) -> [InputEvent] {
        switch state {
        case .ground:
            return ground(input)
        case .escape:
            return afterEscape(input)
        case .sequence(let introducer, let body):
            return sequence(introducer: introducer, body: body, input)
        case .paste:
            if case .character(let c) = input { pasteCharacter(c) }
            return finishPasteIfEnded()
        }
    }

    /// Nothing more arrived within the escape delay: a pending ESC is the `esc` key.
    public mutating func timeout() -> [InputEvent] {
        switch state {
        case .escape:
            state = .ground
            return [.key(Key("esc"))]
        case .sequence(let introducer, let body):
            state = .ground
            // `ESC [` alone is what Alt+[ sends; a cut-off longer sequence is noise.
            guard body.isEmpty, let c = Unicode.Scalar(introducer) else { return [] }
            return [.key(Key("alt+" + String(Character(c))))]
        case .ground, .paste:
            return []
        }
    }

    /// Ends a paste whose end marker never came (the reader gives up after a quiet spell), so a
    /// lost marker cannot swallow every later key.
    public mutating func abandonPaste() -> [InputEvent] {
        guard isPasting else { return [] }
        flushPartialPasteEnd()
        return endPaste()
    }

    private mutating func ground(_ input: RawInput) -> [InputEvent] {
        switch input {
        case .character(Self.escape):
            state = .escape
            return []
        case .character(let c):
            return Self.key(forCharacter: c).map { [.key($0)] } ?? []
        case .keyCode(let code):
            return Self.key(forCode: code).map { [.key($0)] } ?? []
        }
    }

    private mutating func afterEscape(_ input: RawInput) -> [InputEvent] {
        switch input {
        case .character(Self.escape):
            return [.key(Key("esc"))]  // the second ESC starts its own wait
        case .character(let c) where c == 91 || c == 79:  // "[" or "O"
            state = .sequence(introducer: c, body: [])
            return []
        case .character(let c):
            state = .ground
            return Self.key(forCharacter: c).map { [.key(Key("alt+" + $0.name))] } ?? []
        case .keyCode:
            state = .ground
            return [.key(Key("esc"))] + ground(input)
        }
    }

    private mutating func sequence(
        introducer: UInt32, body: [UInt32], _ input: RawInput
    ) -> [InputEvent] {
        guard case .character(let c) = input, (0x20...0x7E).contains(c) else {
            // Not part of a control sequence: drop what came before, decode this afresh.
            state = .ground
            return ground(input)
        }
        if (0x20...0x3F).contains(c) {
            state = .sequence(introducer: introducer, body: body + [c])
            return []
        }
        state = .ground
        let text = String(String.UnicodeScalarView((body + [c]).compactMap(Unicode.Scalar.init)))
        if introducer == 91 && text == "200~" {
            state = .paste
            pasted = String.UnicodeScalarView()
            pasteEndMatched = 0
            lastPastedWasCR = false
            return []
        }
        let table = introducer == 91 ? Self.csiFallback : Self.ss3Fallback
        return table[text].map { [.key(Key($0))] } ?? []
    }

    private mutating func pasteCharacter(_ c: UInt32) {
        if c == Self.pasteEnd[pasteEndMatched] {
            pasteEndMatched += 1
            return
        }
        flushPartialPasteEnd()
        if c == Self.pasteEnd[0] {
            pasteEndMatched = 1
            return
        }
        append(c)
    }

    private mutating func flushPartialPasteEnd() {
        for c in Self.pasteEnd.prefix(pasteEndMatched) { append(c) }
        pasteEndMatched = 0
    }

    private mutating func finishPasteIfEnded() -> [InputEvent] {
        guard pasteEndMatched == Self.pasteEnd.count else { return [] }
        pasteEndMatched = 0
        return endPaste()
    }

    private mutating func endPaste() -> [InputEvent] {
        state = .ground
        let text = String(pasted)
        pasted = String.UnicodeScalarView()
        return text.isEmpty ? [] : [.paste(text)]
    }

    /// Terminals send pasted line breaks as CR; text inputs want LF, once per line.
    private mutating func append(_ c: UInt32) {
        defer { lastPastedWasCR = c == 13 }
        if c == 10 && lastPastedWasCR { return }
        guard let scalar = Unicode.Scalar(c == 13 ? 10 : c) else { return }
        pasted.append(scalar)
    }

    /// The key one typed character stands for, or nil for characters no binding can name.
    static func key(forCharacter c: UInt32) -> Key? {
        switch c {
        case 9: return Key("tab")
        case 10, 13: return Key("enter")
        case 8, 127: return Key("backspace")
        case 27: return Key("esc")
        case 32: return Key("space")
        case 1...26:
            guard let letter = Unicode.Scalar(c + 96) else { return nil }
            return Key("ctrl+" + String(Character(letter)))
        case 0...31, 0x80...0x9F:
            return nil
        default:
            guard let scalar = Unicode.Scalar(c) else { return nil }
            return Key(String(Character(scalar)))
        }
    }

    /// The key a curses key code stands for, or nil for codes pipetop does not bind.
    static func key(forCode code: Int32) -> Key? {
        switch code {
        case Code.down: return Key("down")
        case Code.up: return Key("up")
        case Code.left: return Key("left")
        case Code.right: return Key("right")
        case Code.home: return Key("home")
        case Code.end: return Key("end")
        case Code.pageUp: return Key("pgup")
        case Code.pageDown: return Key("pgdown")
        case Code.backspace: return Key("backspace")
        case Code.delete: return Key("delete")
        case Code.enter: return Key("enter")
        case Code.backTab: return Key("shift+tab")
        case (Code.f0 + 1)...(Code.f0 + 12): return Key("f\(code - Code.f0)")
        default: return nil
        }
    }

    /// xterm sequences for when the terminfo entry lacks them and curses passes the bytes on.
    private static let csiFallback: [String: String] = [
        "A": "up", "B": "down", "C": "right", "D": "left", "H": "home", "F": "end",
        "Z": "shift+tab", "1~": "home", "3~": "delete", "4~": "end", "5~": "pgup",
        "6~": "pgdown",
    ]
    private static let ss3Fallback: [String: String] = [
        "A": "up", "B": "down", "C": "right", "D": "left", "H": "home", "F": "end",
        "P": "f1", "Q": "f2", "R": "f3", "S": "f4",
    ]
}
