import Testing

@testable import PipeTopUI

@Test func asciiIsOneColumnPerCharacter() {
    #expect(DisplayWidth.of("pipeline-7") == 10)
}

@Test func cjkAndFullwidthTakeTwoColumns() {
    #expect(DisplayWidth.of("模型") == 4)
    #expect(DisplayWidth.of("ｖ２") == 4)
    #expect(DisplayWidth.of("한") == 2)
}

@Test func emojiTakeTwoColumnsIncludingZWJSequencesAndFlags() {
    #expect(DisplayWidth.of("🚀") == 2)
    #expect(DisplayWidth.of("👩‍💻") == 2)
    #expect(DisplayWidth.of("🇩🇪") == 2)
    #expect(DisplayWidth.of("❤️") == 2)  // text heart + emoji presentation selector
    #expect(DisplayWidth.of("👍🏽") == 2)
}

@Test func combiningMarksTakeNoColumn() {
    let decomposed = "e\u{301}"
    #expect(decomposed.count == 1)
    #expect(DisplayWidth.of(decomposed) == 1)
    #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
    #expect(DisplayWidth.of(Unicode.Scalar(0x200D)!) == 0)
    #expect(DisplayWidth.of("caf\u{65}\u{301}") == 4)
}
