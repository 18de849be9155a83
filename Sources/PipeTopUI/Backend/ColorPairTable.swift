/// Decides which curses colour pair draws a (foreground, background) combination.
///
/// Pure: the ncurses backend asks it for a pair and calls `init_pair` only when it says the
/// pair is new. Pairs are allocated on first use and cached, because terminals have few of
/// them (often 256) and a theme uses a handful. Colours the terminal lacks are mapped down.
public struct ColorPairTable: Sendable {
    /// The answer for one combination: the pair to draw with, and whether to define it first.
    public struct Pair: Sendable, Hashable {
        public var number: Int32
        /// Set when the pair is new: what to `init_pair` it to.
        public var define: Colors?
    }

    /// A foreground and background as curses colour numbers (−1 = the terminal's default).
    public struct Colors: Sendable, Hashable {
        public var fg: Int32
        public var bg: Int32
    }

    /// Number of colours the terminal has (curses `COLORS`): 0 (none), 8, 16, 88, 256, ….
    public let colors: Int
    /// Number of pairs it has (curses `COLOR_PAIRS`); pair 0 is the terminal's default.
    public let pairLimit: Int
    /// Whether `use_default_colors` worked, so −1 means the terminal's own colour.
    public let defaultColors: Bool

    private var pairs: [Colors: Int32] = [:]
    private var nextPair: Int32 = 1

    public init(colors: Int, pairLimit: Int, defaultColors: Bool) {
        self.colors = colors
        self.pairLimit = min(pairLimit, Int(Int16.max))  // init_pair takes a short
        self.defaultColors = defaultColors
    }

    /// The pair for this combination; pair 0 when the terminal has no colour or no pairs left.
    public mutating func pair(fg: Color, bg: Color) -> Pair {
        guard colors >= 8 else { return Pair(number: 0, define: nil) }
        let key = Colors(
            fg: number(for: fg, foreground: true), bg: number(for: bg, foreground: false))
        if key.fg == -1 && key.bg == -1 { return Pair(number: 0, define: nil) }
        if let known = pairs[key] { return Pair(number: known, define: nil) }
        guard Int(nextPair) < pairLimit else { return Pair(number: 0, define: nil) }
        let number = nextPair
        nextPair += 1
        pairs[key] = number
        return Pair(number: number, define: key)
    }

    /// Forgets every pair (after curses restarts, its pairs are gone).
    public mutating func reset() {
        pairs = [:]
        nextPair = 1
    }

    /// The curses colour number for `color` on this terminal.
    func number(for color: Color, foreground: Bool) -> Int32 {
        switch color {
        case .default:
            // Without default-colour support, pick what most terminals show by default.
            return defaultColors ? -1 : (foreground ? 7 : 0)
        case .basic(let n):
            return basic(Int32(n & 15))
        case .indexed(let n):
            if colors >= 256 { return Int32(n) }
            if n < 16 { return basic(Int32(n)) }
            return basic(Self.nearestBasic(to: n))
        }
    }

    /// With only 8 colours, the bright ones (8–15) become their normal forms.
    private func basic(_ n: Int32) -> Int32 {
        colors >= 16 ? n : n & 7
    }

    /// The closest of the 16 basic colours to a 256-colour cube or greyscale index.
    static func nearestBasic(to index: UInt8) -> Int32 {
        guard case .basic(let n) = ColorPalette.nearestBasic(.indexed(index)) else { return 7 }
        return Int32(n)
    }
}
