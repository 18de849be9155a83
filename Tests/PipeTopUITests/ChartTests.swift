import Testing
import PipeTopCore

@testable import PipeTopUI

@Test func sparklineScalesToItsMaximumWithNewestAtTheRight() {
    let spark = Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8])
    #expect(render(spark, width: 9, height: 1).lines == [" ▁▂▃▄▅▆▇█"])
    // Scaling is relative: doubling every value draws the same bars.
    let doubled = Sparkline(values: [0, 2, 4, 6, 8, 10, 12, 14, 16])
    #expect(render(doubled, width: 9, height: 1).lines == [" ▁▂▃▄▅▆▇█"])
}

@Test func sparklineKeepsTheLastValuesThatFitAndRightAligns() {
    let spark = Sparkline(values: [8, 8, 8, 0, 4, 8])
    #expect(render(spark, width: 3, height: 1).lines == [" ▄█"])
    #expect(render(Sparkline(values: [2, 4]), width: 5, height: 1).lines == ["   ▄█"])
}

@Test func sparklineShowsTinyValuesAndClampsToAnExplicitMax() {
    let spark = Sparkline(values: [0.001, 100, 50], max: 50)
    #expect(render(spark, width: 3, height: 1).lines == ["▁██"])
}

@Test func sparklineSpansSeveralRows() {
    let spark = Sparkline(values: [1, 2, 4])
    assertSnapshot(render(spark, width: 3, height: 2), named: "sparkline-two-rows")
}

@Test func gaugeFillsInEighthsAndLabelsThePercentage() {
    #expect(render(Gauge(ratio: 0.5), width: 14, height: 1).lines == ["█████░░░░░ 50%"])
    #expect(render(Gauge(ratio: 0.25), width: 9, height: 1).lines == ["█▎░░░ 25%"])
    #expect(render(Gauge(ratio: 7, label: "full"), width: 9, height: 1).lines == ["████ full"])
    #expect(render(Gauge(ratio: .nan), width: 7, height: 1).lines == ["░░░░ 0%"])
}

/// Equal-frequency reference bins, 10 % each, against a current window.
private func driftBars(_ current: [Double], width: Int = 72, height: Int = 11) -> Buffer {
    render(DriftBars(reference: Array(repeating: 0.1, count: 10), current: current,
                     edges: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], markFrom: 0.1), width: width, height: height)
}

/// The `█` cells of each bin's line, below the header.
private func barLengths(_ buffer: Buffer) -> [Int] {
    buffer.lines.dropFirst().map { $0.filter { $0 == "█" }.count }
}

@Test func driftBarsShowEachBinsDifferenceAndMarkTheWorst() {
    // A shift to the right: the top bins gained, the bottom ones lost.
    let current = [0.02, 0.05, 0.08, 0.1, 0.1, 0.1, 0.1, 0.12, 0.15, 0.18]
    let buffer = driftBars(current)
    assertSnapshot(buffer, named: "driftbars-shift")
    let lengths = barLengths(buffer)
    let differences = current.map { abs($0 - 0.1) }
    // Longer bars for larger differences, none where nothing changed.
    for i in 0..<10 {
        for j in 0..<10 where differences[i] > differences[j] + 1e-9 {
            #expect(lengths[i] > lengths[j], "bin \(i) differs by more than bin \(j): \(lengths)")
        }
    }
    #expect(lengths[3] == 0 && lengths[9] > 0)
    // Losses left of the zero line, gains right of it.
    let lines = buffer.lines
    let zero = lines[1].distance(from: lines[1].startIndex, to: lines[1].firstIndex(of: "│")!)
    #expect(Array(lines[1])[zero - 1] == "█" && Array(lines[1])[zero + 1] != "█")
    #expect(Array(lines[10])[zero + 1] == "█" && Array(lines[10])[zero - 1] != "█")
    // The bins that make up half the PSI are marked: here the first, which lost most.
    let marked = lines.indices.filter { lines[$0].contains("◀") }
    #expect(marked == [1], "\(lines.joined(separator: "\n"))")
    #expect(lines[1].hasPrefix("< 0.1 ") && lines[10].hasPrefix("≥ 0.9 ") && lines[2].hasPrefix("0.1–0.2"))
    // The PSI column adds up to the index.
    let terms = lines.dropFirst().map { Double($0.split(separator: " ").filter { Double($0) != nil }.last ?? "") ?? -1 }
    #expect(abs(terms.reduce(0, +) - DriftMath.psi(reference: Array(repeating: 0.1, count: 10), current: current)) < 0.01)
}

@Test func driftBarsOfAnUndriftedWindowStayNearZero() {
    // Sampling noise of half a point either way.
    let current = [0.105, 0.095, 0.1, 0.104, 0.096, 0.1, 0.103, 0.097, 0.1, 0.1]
    let buffer = driftBars(current)
    #expect(barLengths(buffer).allSatisfy { $0 <= 1 }, "\(buffer.lines.joined(separator: "\n"))")
    #expect(!buffer.lines.contains { $0.contains("◀") }, "nothing marked below the PSI warning")
}

@Test func driftBarsWithTooFewLinesKeepTheBinsThatAddMost() {
    let current = [0.02, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.18]
    let lines = driftBars(current, height: 3).lines
    #expect(lines.count == 3 && !lines[0].contains("BIN"), "no room for the header")
    #expect(lines[0].hasPrefix("< 0.1") && lines[2].hasPrefix("≥ 0.9"))
}

@Test func lineChartDrawsBrailleDotsWithAxisLabels() {
    let values: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1, 0]
    let buffer = render(LineChart(values: values), width: 12, height: 2)
    assertSnapshot(buffer, named: "linechart-ramp")
    #expect(buffer.lines[0].hasPrefix("7┤"))
    #expect(buffer.lines[1].hasPrefix("0┤"))
}

@Test func lineChartDotsMapValuesToBrailleBits() {
    // Two points in one cell: left at the bottom (dot 7), right at the top (dot 4); the right
    // column is joined down to just above the left point so the step reads as a line (dots 5, 6).
    let bits = LineChart.dots(values: [0, 1], width: 1, height: 1, lo: 0, hi: 1)
    #expect(bits == [0x40 | 0x08 | 0x10 | 0x20])
    let flat = LineChart.dots(values: [5, 5], width: 1, height: 1, lo: 5, hi: 5)
    #expect(flat == [0x02 | 0x10] || flat == [0x04 | 0x20])
}
