import Testing

@testable import PipeTopUI

@Test func truncateKeepsTextThatFitsAndEndsCutTextWithAnEllipsis() {
    #expect(TextFit.truncate("fraud", to: 5) == "fraud")
    #expect(TextFit.truncate("fraud-eu", to: 5) == "frau…")
    #expect(TextFit.truncate("fraud", to: 1) == "…")
    #expect(TextFit.truncate("fraud", to: 0) == "")
}

@Test func truncateNeverSplitsAWideGlyph() {
    #expect(TextFit.truncate("模型模型", to: 5) == "模型…")
    #expect(TextFit.truncate("模型模型", to: 4) == "模…")
    #expect(DisplayWidth.of(TextFit.truncate("模型模型", to: 4)) <= 4)
}

@Test func wrapBreaksAtSpacesByDisplayWidth() {
    #expect(TextFit.wrap("模型 drift ok", width: 8) == ["模型", "drift ok"])
    #expect(TextFit.wrap("abcdefgh", width: 3) == ["abc", "def", "gh"])
    #expect(TextFit.wrap("a\n\nb", width: 3) == ["a", "", "b"])
    #expect(TextFit.wrap("anything", width: 0) == [])
}

@Test func valueLabelsAreShortAndLocaleIndependent() {
    #expect(ValueLabel.format(0) == "0")
    #expect(ValueLabel.format(0.25) == "0.25")
    #expect(ValueLabel.format(12.54) == "12.5")
    #expect(ValueLabel.format(-3) == "-3")
    #expect(ValueLabel.format(0.0042) == "0.004")
    #expect(ValueLabel.format(1234) == "1234")
    #expect(ValueLabel.format(45_600) == "45.6k")
    #expect(ValueLabel.format(2_500_000) == "2.5M")
}
