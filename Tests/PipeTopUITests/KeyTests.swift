import Testing
@testable import PipeTopUI

@Test func keysTypeTheirCharacterAndNamedKeysDoNot() {
    #expect(Key("q").character == "q")
    #expect(Key("space").character == " ")
    #expect(Key("enter").character == nil)
    #expect(Key("ctrl+c").character == nil)
}
