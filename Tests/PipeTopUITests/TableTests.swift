import Testing

@testable import PipeTopUI

private func pipelinesTable(selected: Int?, offset: Int = 0, count: Int = 8) -> Table {
    let rows = (0..<count).map { i in
        Table.Row([
            Span("fraud-\(i)"),
            Span(i == 2 ? "critical" : "ok", role: i == 2 ? .critical : .ok),
            Span("\(1200 + i * 37)"),
            Span("v\(i + 1) candidate-with-a-long-name"),
        ])
    }
    return Table(
        columns: [
            .init("PIPELINE", width: .fixed(8)), .init("STATUS", width: .fixed(8)),
            .init("REC/S", width: .fixed(5), alignment: .right), .init("MODEL", width: .fill),
        ],
        rows: rows, selected: selected, offset: offset)
}

@Test func tableShowsHeaderColumnsAndTruncatesWithEllipsis() {
    let buffer = render(pipelinesTable(selected: nil, count: 3), width: 40, height: 5)
    assertSnapshot(buffer, named: "table-basic")
    #expect(buffer[9, 3].style == Theme.defaultDark.style(for: .critical))
    #expect(buffer[0, 0].style == Theme.defaultDark.style(for: .header))
}

@Test func tableScrollsToKeepTheSelectedRowVisibleAndHighlightsIt() {
    let buffer = render(pipelinesTable(selected: 6), width: 40, height: 4)
    assertSnapshot(buffer, named: "table-scrolled")
    let selection = Theme.defaultDark.style(for: .selection)
    #expect(buffer[0, 3].style == selection && buffer[39, 3].style == selection)
    #expect(buffer[0, 2].style != selection)
}

@Test func visibleRangeMovesOnlyAsFarAsNeeded() {
    // Selection below the window: scroll down so it is the last visible row.
    #expect(Table.visibleRange(selected: 7, offset: 0, height: 3, count: 10) == 5..<8)
    // Selection inside the window: the offset stays.
    #expect(Table.visibleRange(selected: 6, offset: 5, height: 3, count: 10) == 5..<8)
    // Selection above: scroll up to it.
    #expect(Table.visibleRange(selected: 2, offset: 5, height: 3, count: 10) == 2..<5)
    // Rows removed: no empty lines at the bottom while rows could fill them.
    #expect(Table.visibleRange(selected: nil, offset: 8, height: 3, count: 5) == 2..<5)
    // Fewer rows than lines, nothing to show, no room.
    #expect(Table.visibleRange(selected: 1, offset: 4, height: 10, count: 3) == 0..<3)
    #expect(Table.visibleRange(selected: 0, offset: 0, height: 3, count: 0) == 0..<0)
    #expect(Table.visibleRange(selected: 0, offset: 0, height: 0, count: 4) == 0..<0)
    // A selection past the end is clamped.
    #expect(Table.visibleRange(selected: 99, offset: 0, height: 3, count: 10) == 7..<10)
}

@Test func contentColumnsAreAsWideAsTheirLongestNameBeforeSpareWidthGoesElsewhere() {
    let name = "payments-risk-scoring-eu"  // 24 characters
    let table = Table(columns: [
        .init("PIPELINE", width: .content(min: 10, max: 32)), .init("REC/S", width: .fixed(5), alignment: .right),
        .init("TREND", width: .min(4)), .init("MODEL", width: .content(min: 8, max: 32)),
    ], rows: [Table.Row([Span(name), Span("12"), Span(""), Span("lr v3")])])
    let wide = render(table, width: 80, height: 2).lines
    #expect(wide[1].hasPrefix(name + " "), "in full: \(wide[1])")
    // The model column is as wide as its title; the trend column takes the rest.
    let rects = table.columnRects(in: Rect(x: 0, y: 0, width: 80, height: 2))
    #expect(rects.map(\.width) == [24, 5, 80 - 24 - 5 - 8 - 3, 8])
    // Too narrow for it: cut with an ellipsis, only then.
    let narrow = render(table, width: 30, height: 2).lines
    #expect(narrow[1].hasPrefix("payments-… "))
}

@Test func rankedColumnsAreHiddenBeforeANameIsCut() {
    let table = Table(columns: [
        .init("NAME", width: .content(min: 4, max: 32)), .init("A", width: .fixed(6), hideRank: 2),
        .init("B", width: .fixed(6), hideRank: 1), .init("C", width: .fixed(6)),
    ], rows: [Table.Row([Span("a-twenty-char-name-x"), Span("a"), Span("b"), Span("c")])])
    // 20 + 3·6 + 3 gaps = 41: everything fits at 41, B goes first below that, then A.
    #expect(table.columnRects(in: Rect(x: 0, y: 0, width: 41, height: 1)).map(\.width) == [20, 6, 6, 6])
    #expect(table.columnRects(in: Rect(x: 0, y: 0, width: 40, height: 1)).map(\.width) == [20, 6, 0, 6])
    let line = render(table, width: 30, height: 2).lines[1]
    #expect(line.hasPrefix("a-twenty-char-name-x c"), "A and B hidden, the name whole: \(line)")
}
