import Testing

@testable import PipeTopUI

@Test func typingInsertsAtTheCursorAndArrowsMoveIt() {
    var input = TextInput()
    for name in ["a", "c", "left", "b", "end", "space", "d"] {
        let used = input.handle(.key(Key(name)))
        #expect(used)
    }
    #expect(input.text == "abc d")
    #expect(input.cursor == 5)
}

@Test func backspaceDeleteHomeAndEndEdit() {
    var input = TextInput(text: "model")
    input.deleteBackward()
    #expect(input.text == "mode" && input.cursor == 4)
    input.moveHome()
    input.deleteBackward()
    #expect(input.text == "mode")
    input.deleteForward()
    #expect(input.text == "ode" && input.cursor == 0)
    input.moveEnd()
    input.deleteForward()
    #expect(input.text == "ode")
    input.moveRight()
    #expect(input.cursor == 3)
}

@Test func cursorMovesByGraphemeOverCombiningAndWideCharacters() {
    var input = TextInput(text: "ae\u{301}模")
    input.moveLeft()
    input.deleteBackward()
    #expect(input.text == "a模")
}

@Test func pasteJoinsLinesAndDropsControlCharacters() {
    var input = TextInput(text: "x")
    let used = input.handle(.paste("a\nb\u{1B}c"))
    #expect(used)
    #expect(input.text == "xa bc")
}

@Test func namedKeysTheFieldDoesNotUseAreLeftToTheCaller() {
    var input = TextInput(text: "q")
    let enter = input.handle(.key(Key("enter")))
    let esc = input.handle(.key(Key("esc")))
    #expect(!enter && !esc)
    #expect(input.text == "q")
}

@Test func cursorCellIsReversedAtTheEndOfTheText() {
    let input = TextInput(text: "ab", prompt: "/")
    let buffer = render(input, width: 6, height: 1)
    #expect(buffer.lines == ["/ab   "])
    #expect(buffer[3, 0].style.modifiers.contains(.reverse))
    #expect(!buffer[2, 0].style.modifiers.contains(.reverse))
}

@Test func longTextScrollsSoTheCursorStaysVisible() {
    var input = TextInput(text: "abcdefghij", prompt: ":")
    var buffer = render(input, width: 6, height: 1)
    #expect(buffer.lines == [":ghij "])
    #expect(buffer[5, 0].style.modifiers.contains(.reverse))
    input.moveHome()
    buffer = render(input, width: 6, height: 1)
    #expect(buffer.lines == [":abcde"])
    #expect(buffer[1, 0].style.modifiers.contains(.reverse))
}

@Test func shellKeysDeleteToTheStartToTheEndAndTheWordBefore() {
    var input = TextInput(text: "pipetop-capture-1.ndjson /tmp/out")
    let used = input.handle(.key(Key("ctrl+w")))
    #expect(used && input.text == "pipetop-capture-1.ndjson ")
    _ = input.handle(.key(Key("ctrl+w")))
    #expect(input.text == "")
    input = TextInput(text: "score > 0.9")
    input.moveLeft()
    input.moveLeft()
    _ = input.handle(.key(Key("ctrl+k")))
    #expect(input.text == "score > 0" && input.cursor == 9)
    input.moveLeft()
    _ = input.handle(.key(Key("ctrl+u")))
    #expect(input.text == "0" && input.cursor == 0)
}
