import Testing

@testable import PipeTopUI

private func heights(_ rects: [Rect]) -> [Int] { rects.map(\.height) }
private func widths(_ rects: [Rect]) -> [Int] { rects.map(\.width) }

@Test func verticalSplitSumsToTheAreaAndStacksRows() {
    let area = Rect(x: 2, y: 3, width: 10, height: 20)
    let rows = Layout.split(area, direction: .vertical, constraints: [.fixed(1), .fill, .fixed(1)])
    #expect(heights(rows) == [1, 18, 1])
    #expect(rows.map(\.y) == [3, 4, 22])
    #expect(rows.allSatisfy { $0.x == 2 && $0.width == 10 })
}

@Test func percentRoundsToNearestAndLeftoverGoesToTheLast() {
    let area = Rect(x: 0, y: 0, width: 100, height: 1)
    let columns = Layout.split(area, direction: .horizontal, constraints: [.percent(33), .percent(33), .percent(33)])
    #expect(widths(columns) == [33, 33, 34])
    let odd = Layout.split(Rect(x: 0, y: 0, width: 11, height: 1), direction: .horizontal, constraints: [.percent(50), .percent(50)])
    #expect(widths(odd) == [6, 5])
}

@Test func minGrowsLikeFillAndFillsShareEvenly() {
    let area = Rect(x: 0, y: 0, width: 31, height: 1)
    let columns = Layout.split(area, direction: .horizontal, constraints: [.min(10), .fill, .fixed(5)])
    #expect(widths(columns) == [18, 8, 5])
    #expect(columns.map(\.x) == [0, 18, 26])
}

@Test func tooSmallAreaShrinksTheLastPartsToZeroNeverNegative() {
    let area = Rect(x: 0, y: 0, width: 5, height: 3)
    let rows = Layout.split(area, direction: .vertical, constraints: [.fixed(2), .fixed(2), .min(4), .fill])
    #expect(heights(rows) == [2, 1, 0, 0])
    #expect(heights(rows).reduce(0, +) == 3)
}

@Test func spacingLeavesGapsBetweenParts() {
    let area = Rect(x: 0, y: 0, width: 10, height: 1)
    let columns = Layout.split(area, direction: .horizontal, constraints: [.fixed(3), .fill], spacing: 1)
    #expect(columns.map(\.x) == [0, 4])
    #expect(widths(columns) == [3, 6])
}

@Test func rectInnerIntersectionAndClampNeverGoNegative() {
    let r = Rect(x: 0, y: 0, width: 10, height: 3)
    #expect(r.inner(margin: 1) == Rect(x: 1, y: 1, width: 8, height: 1))
    #expect(r.inner(margin: 5).height == 0 && r.inner(margin: 5).width == 0)
    #expect(r.intersection(Rect(x: 8, y: 1, width: 5, height: 5)) == Rect(x: 8, y: 1, width: 2, height: 2))
    #expect(r.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
    #expect(Rect(x: 8, y: 2, width: 5, height: 5).clamped(to: r) == Rect(x: 5, y: 0, width: 5, height: 3))
    #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
}

@Test func contentPartsGrowToTheirContentBeforeMinAndFillParts() {
    let area = Rect(x: 0, y: 0, width: 60, height: 1)
    // Room for everything: content parts reach their max, the rest goes to the fill part.
    let roomy = Layout.split(area, direction: .horizontal, constraints: [.content(min: 5, max: 24), .fixed(6), .content(min: 5, max: 12), .fill])
    #expect(widths(roomy) == [24, 6, 12, 18])
    // Short of room: both content parts are cut alike, the fill part gets nothing.
    let tight = Layout.split(Rect(x: 0, y: 0, width: 30, height: 1), direction: .horizontal,
                             constraints: [.content(min: 5, max: 24), .fixed(6), .content(min: 5, max: 24), .min(4)])
    #expect(widths(tight) == [10, 6, 10, 4])
}
