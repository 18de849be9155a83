import Testing

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

@Test func histogramOverlaysCurrentOnReference() {
    let histogram = Histogram(
        reference: [10, 20, 40, 20, 10], current: [5, 10, 20, 35, 30], edges: [0.2, 0.4, 0.6, 0.8])
    assertSnapshot(render(histogram, width: 30, height: 8), named: "histogram-overlay")
}

@Test func histogramShowsReferenceWhereItExceedsCurrent() {
    // Same shape at different sample sizes: shares are equal, so no reference shows above.
    let same = render(Histogram(reference: [1, 3], current: [10, 30]), width: 6, height: 5)
    #expect(!same.lines.dropFirst().joined().contains("░"))
    // Current shifted right: the left bin's reference rises above the current bar.
    let shifted = render(Histogram(reference: [3, 1], current: [1, 3]), width: 6, height: 5)
    #expect(shifted.lines[1].hasPrefix("░░"))
    #expect(shifted.lines[4].hasPrefix("██"))
    #expect(shifted.lines[0].hasPrefix("░ ref"))
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
