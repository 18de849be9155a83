/// How many terminal columns text takes, independent of the process locale (unlike `wcwidth`).
///
/// East Asian Wide/Fullwidth and emoji are 2, combining and format marks 0, everything else 1.
/// Good enough for what pipelines put in names, keys and labels; not a full UAX #11 table.
public enum DisplayWidth {
    /// Width of one Unicode scalar: 0, 1 or 2. Control characters count 1 (they are shown as `?`).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }  // fast path: ASCII and Latin-1
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// Width of one grapheme cluster as the terminal lays it out.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x80 { return 1 }
        var width = 0
        var sawBase = false
        for scalar in scalars {
            let w = of(scalar)
            if scalar.value == 0xFE0F, sawBase {
                // Emoji presentation selector turns a text symbol (e.g. ❤) into a wide emoji.
                width = 2
                continue
            }
            if !sawBase && w > 0 {
                width = w
                sawBase = true
            }
            if isRegionalIndicator(scalar.value) { width = 2 }
        }
        return width
    }

    /// Width of a whole string.
    public static func of(_ string: String) -> Int {
        // Printable ASCII, what names mostly are, is a column a byte: no grapheme breaking
        // (the Overview measures a thousand names a frame).
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return string.utf8.count }
        var total = 0
        for character in string {
            total += of(character)
        }
        return total
    }

    static func isControl(_ character: Character) -> Bool {
        guard let v = character.unicodeScalars.first?.value else { return false }
        return v < 0x20 || (v >= 0x7F && v < 0xA0)
    }

    private static func isRegionalIndicator(_ v: UInt32) -> Bool {
        v >= 0x1F1E6 && v <= 0x1F1FF
    }

    private static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
            0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E,
            0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
            0x200B...0x200F,  // zero-width space, ZWNJ, ZWJ, direction marks
            0x202A...0x202E, 0x2060...0x2064, 0x20D0...0x20FF,
            0xFE00...0xFE0F,  // variation selectors
            0xFE20...0xFE2F, 0xFEFF,
            0x1F3FB...0x1F3FF,  // skin-tone modifiers join the emoji before them
            0xE0000...0xE01EF:
            return true
        default:
            return false
        }
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,  // Hangul Jamo initials
            0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
            0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA,
            0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
            0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C,
            0x2B50, 0x2B55,
            0x2E80...0x303E,  // CJK radicals, punctuation
            0x3041...0x33FF,  // kana, CJK compatibility
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xA000...0xA4CF,  // Yi
            0xA960...0xA97F, 0xAC00...0xD7A3,  // Hangul
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical and small forms
            0xFF00...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
            0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B,
            0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265,
            0x1F300...0x1F64F,  // pictographs, emoticons
            0x1F680...0x1F6FF,  // transport and map
            0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
