import Testing

@testable import PipeTopUI

@Test func blockDrawsBorderWithLeftAndRightTitles() {
    let block = Block(title: "Pipelines", rightTitle: "3 of 12")
    assertSnapshot(render(block, width: 30, height: 4), named: "block-titles")
}

@Test func blockTitleIsTruncatedAndRightTitleDroppedWhenNarrow() {
    let block = Block(title: "A very long pipeline title", rightTitle: "right")
    assertSnapshot(render(block, width: 16, height: 3), named: "block-narrow")
}

@Test func blockInnerIsTheAreaInsideTheBorder() {
    #expect(Block().inner(Rect(x: 0, y: 0, width: 10, height: 5)) == Rect(x: 1, y: 1, width: 8, height: 3))
}

@Test func blockUsesTheBorderRole() {
    let buffer = render(Block(borderRole: .critical), width: 4, height: 3)
    #expect(buffer[0, 0].style == Theme.defaultDark.style(for: .critical))
}

@Test func paragraphWrapsAtWordsAndSplitsLongWords() {
    let text = "scores drift when the population changes; retrain-and-republish-regularly"
    assertSnapshot(render(Paragraph(text), width: 20, height: 6), named: "paragraph-wrap")
}

@Test func paragraphTruncatesWithEllipsisAndAligns() {
    let paragraph = Paragraph(
        lines: ["left", Span("a line much too long to fit", role: .warn), "模型 v7"], overflow: .truncate,
        alignment: .right)
    let buffer = render(paragraph, width: 12, height: 3)
    assertSnapshot(buffer, named: "paragraph-truncate-right")
    #expect(buffer[11, 1].grapheme == "…")
    #expect(buffer[0, 1].style == Theme.defaultDark.style(for: .warn))
}

@Test func paragraphCentersLines() {
    let buffer = render(Paragraph("ok", alignment: .center), width: 6, height: 1)
    #expect(buffer.lines == ["  ok  "])
}
