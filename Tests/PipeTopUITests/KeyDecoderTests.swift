import Testing
@testable import PipeTopUI

/// Feeds characters of `text` (each scalar as typed) and returns every event produced.
private func decode(_ text: String, into decoder: inout KeyDecoder) -> [InputEvent] {
    text.unicodeScalars.flatMap { decoder.feed(.character($0.value)) }
}

private func decode(_ text: String) -> [InputEvent] {
    var decoder = KeyDecoder()
    return decode(text, into: &decoder)
}

private func keys(_ names: String...) -> [InputEvent] {
    names.map { .key(Key($0)) }
}

@Test func printableCharactersAreKeysNamedAfterThemselves() {
    #expect(decode("aQ1/?é日") == keys("a", "Q", "1", "/", "?", "é", "日"))
}

@Test func namedControlCharactersMapToTheirKeys() {
    #expect(
        decode("\t\r\n\u{08}\u{7F} ")
            == keys("tab", "enter", "enter", "backspace", "backspace", "space"))
}

@Test func controlLettersAreCtrlKeysExceptTabEnterAndBackspace() {
    var decoder = KeyDecoder()
    for code: UInt32 in 1...26 where ![8, 9, 10, 13].contains(code) {
        let letter = Character(Unicode.Scalar(UInt8(96 + code)))
        #expect(decoder.feed(.character(code)) == keys("ctrl+\(letter)"), "code \(code)")
    }
    #expect(decode("\u{03}") == keys("ctrl+c"))
    #expect(decode("\u{1A}") == keys("ctrl+z"))
}

@Test func cursesKeyCodesMapToCanonicalNames() {
    typealias Code = KeyDecoder.Code
    let table: [(Int32, String)] = [
        (Code.up, "up"), (Code.down, "down"), (Code.left, "left"), (Code.right, "right"),
        (Code.pageUp, "pgup"), (Code.pageDown, "pgdown"), (Code.home, "home"), (Code.end, "end"),
        (Code.backTab, "shift+tab"), (Code.backspace, "backspace"), (Code.delete, "delete"),
        (Code.enter, "enter"),
    ] + (1...12).map { (Code.f0 + Int32($0), "f\($0)") }
    var decoder = KeyDecoder()
    for (code, name) in table {
        #expect(decoder.feed(.keyCode(code)) == keys(name), "code \(code)")
    }
}

@Test func decoderKeyCodesAreTheOnesCursesUses() {
    #expect(InputReader.keyCodesMatchCurses())
}

@Test func unknownKeyCodesAreIgnored() {
    var decoder = KeyDecoder()
    // F13 (shift+F1), insert, mouse, resize (the reader handles it), nonsense.
    for code: Int32 in [KeyDecoder.Code.f0 + 13, 0o513, 0o631, 0o632, 0, 9999] {
        #expect(decoder.feed(.keyCode(code)).isEmpty, "code \(code)")
    }
    #expect(decoder.feed(.character(113)) == keys("q"))
}

@Test func unnameableCharactersAreIgnored() {
    var decoder = KeyDecoder()
    for code: UInt32 in [0, 28, 29, 30, 31, 0x80, 0x9B, 0x9F, 0xD800, 0x110000] {
        #expect(decoder.feed(.character(code)).isEmpty, "code \(code)")
    }
}

@Test func aLoneEscapeIsEscOnlyOnceTheInputGoesQuiet() {
    var decoder = KeyDecoder()
    #expect(decoder.feed(.character(27)).isEmpty)
    #expect(decoder.isMidSequence)
    #expect(decoder.timeout() == keys("esc"))
    #expect(!decoder.isMidSequence)
    #expect(decoder.timeout().isEmpty)
}

@Test func escapeFollowedAtOnceByAKeyIsAlt() {
    #expect(decode("\u{1B}x") == keys("alt+x"))
    #expect(decode("\u{1B}X") == keys("alt+X"))
    #expect(decode("\u{1B}\r") == keys("alt+enter"))
    #expect(decode("\u{1B}\u{7F}") == keys("alt+backspace"))
}

@Test func twoEscapesAreEscThenAPendingEscape() {
    var decoder = KeyDecoder()
    #expect(decode("\u{1B}\u{1B}", into: &decoder) == keys("esc"))
    #expect(decoder.timeout() == keys("esc"))
}

@Test func escapeBeforeAFunctionKeyIsEscThenTheKey() {
    var decoder = KeyDecoder()
    _ = decoder.feed(.character(27))
    #expect(decoder.feed(.keyCode(KeyDecoder.Code.up)) == keys("esc", "up"))
}

@Test func bracketedPasteIsOneEventAndNeverABinding() {
    #expect(decode("\u{1B}[200~q :quit\tx\u{1B}[201~") == [.paste("q :quit\tx")])
    #expect(decode("\u{1B}[200~hi\u{1B}[201~q") == [.paste("hi"), .key(Key("q"))])
}

@Test func pastedLineBreaksBecomeOneNewlineEach() {
    #expect(decode("\u{1B}[200~a\r\nb\rc\nd\u{1B}[201~") == [.paste("a\nb\nc\nd")])
}

@Test func escapesInsidePastedTextThatAreNotTheEndMarkerAreKept() {
    #expect(decode("\u{1B}[200~x\u{1B}[20y\u{1B}\u{1B}[201~") == [.paste("x\u{1B}[20y\u{1B}")])
}

@Test func pasteSurvivesFeedsSplitAnywhereAndIgnoresKeyCodes() {
    var decoder = KeyDecoder()
    #expect(decode("\u{1B}[20", into: &decoder).isEmpty)
    #expect(decode("0~ab", into: &decoder).isEmpty)
    #expect(decoder.isPasting)
    #expect(decoder.feed(.keyCode(KeyDecoder.Code.up)).isEmpty)
    #expect(decode("c\u{1B}[2", into: &decoder).isEmpty)
    #expect(decode("01~", into: &decoder) == [.paste("abc")])
    #expect(!decoder.isPasting)
}

@Test func anEmptyPasteProducesNothing() {
    #expect(decode("\u{1B}[200~\u{1B}[201~").isEmpty)
}

@Test func aPasteWithoutItsEndMarkerCanBeAbandoned() {
    var decoder = KeyDecoder()
    #expect(decode("\u{1B}[200~abc\u{1B}[2", into: &decoder).isEmpty)
    #expect(decoder.timeout().isEmpty)  // quiet input alone does not end a paste
    #expect(decoder.abandonPaste() == [.paste("abc\u{1B}[2")])
    #expect(decode("q", into: &decoder) == keys("q"))
    #expect(decoder.abandonPaste().isEmpty)
}

@Test func xtermSequencesCursesLeftUndecodedStillMapToKeys() {
    #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == keys("up", "down", "right", "left"))
    #expect(
        decode("\u{1B}[Z\u{1B}[3~\u{1B}[5~\u{1B}[6~")
            == keys("shift+tab", "delete", "pgup", "pgdown"))
    #expect(decode("\u{1B}OP\u{1B}OS\u{1B}OH") == keys("f1", "f4", "home"))
}

@Test func unknownEscapeSequencesAreSwallowedWhole() {
    #expect(decode("\u{1B}[1;5X\u{1B}[99~q") == keys("q"))
}

@Test func aSequenceCutShortByAControlCharacterDecodesThatCharacter() {
    #expect(decode("\u{1B}[1\r") == keys("enter"))
}

@Test func escapeBracketAloneIsAltBracket() {
    var decoder = KeyDecoder()
    #expect(decode("\u{1B}[", into: &decoder).isEmpty)
    #expect(decoder.isMidSequence)
    #expect(decoder.timeout() == keys("alt+["))
}
