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
