import Testing
@testable import PipeTopUI

@Test func defaultOnDefaultIsPairZeroAndNeedsNoDefinition() {
    var table = ColorPairTable(colors: 256, pairLimit: 256, defaultColors: true)
    let pair = table.pair(fg: .default, bg: .default)
    #expect(pair.number == 0)
    #expect(pair.define == nil)
}

@Test func pairsAreAllocatedOnFirstUseAndCached() {
    var table = ColorPairTable(colors: 256, pairLimit: 256, defaultColors: true)
    let red = table.pair(fg: .basic(1), bg: .default)
    #expect(red.number == 1)
    #expect(red.define?.fg == 1)
    #expect(red.define?.bg == -1)
    let orange = table.pair(fg: .indexed(208), bg: .basic(0))
    #expect(orange.number == 2)
    #expect(orange.define?.fg == 208)
    #expect(orange.define?.bg == 0)
    let again = table.pair(fg: .basic(1), bg: .default)
    #expect(again.number == 1)
    #expect(again.define == nil)
}

@Test func combinationsThatMapToTheSameColoursShareAPair() {
    var table = ColorPairTable(colors: 256, pairLimit: 256, defaultColors: true)
    let basic = table.pair(fg: .basic(2), bg: .default)
    let indexed = table.pair(fg: .indexed(2), bg: .default)
    #expect(indexed.number == basic.number)
    #expect(indexed.define == nil)
}

@Test func sixteenColourTerminalsGetTheNearestBasicColour() {
    var table = ColorPairTable(colors: 16, pairLimit: 64, defaultColors: true)
    #expect(table.pair(fg: .indexed(196), bg: .default).define?.fg == 9)  // pure red → bright red
    #expect(table.pair(fg: .indexed(12), bg: .default).define?.fg == 12)
}

@Test func eightColourTerminalsFoldBrightColoursDown() {
    var table = ColorPairTable(colors: 8, pairLimit: 64, defaultColors: true)
    #expect(table.pair(fg: .basic(9), bg: .default).define?.fg == 1)
    #expect(table.pair(fg: .indexed(196), bg: .default).number == 1)  // same pair as basic 9
    #expect(table.pair(fg: .indexed(21), bg: .basic(15)).define.map { [$0.fg, $0.bg] } == [4, 7])
}

@Test func terminalsWithoutColourAlwaysUsePairZero() {
    var table = ColorPairTable(colors: 0, pairLimit: 0, defaultColors: false)
    #expect(table.pair(fg: .basic(1), bg: .basic(4)).number == 0)
}

@Test func runningOutOfPairsFallsBackToTheDefaultPair() {
    var table = ColorPairTable(colors: 256, pairLimit: 3, defaultColors: true)
    #expect(table.pair(fg: .basic(1), bg: .default).number == 1)
    #expect(table.pair(fg: .basic(2), bg: .default).number == 2)
    let overflow = table.pair(fg: .basic(3), bg: .default)
    #expect(overflow.number == 0)
    #expect(overflow.define == nil)
    #expect(table.pair(fg: .basic(1), bg: .default).number == 1)
}

@Test func withoutDefaultColourSupportDefaultMeansWhiteOnBlack() {
    var table = ColorPairTable(colors: 256, pairLimit: 256, defaultColors: false)
    let pair = table.pair(fg: .default, bg: .default)
    #expect(pair.number == 1)
    #expect(pair.define.map { [$0.fg, $0.bg] } == [7, 0])
}

@Test func resetForgetsEveryPair() {
    var table = ColorPairTable(colors: 256, pairLimit: 256, defaultColors: true)
    _ = table.pair(fg: .basic(1), bg: .default)
    _ = table.pair(fg: .basic(2), bg: .default)
    table.reset()
    let pair = table.pair(fg: .basic(2), bg: .default)
    #expect(pair.number == 1)
    #expect(pair.define != nil)
}

@Test func cubeAndGreyscaleIndexesMapToTheClosestBasicColour() {
    #expect(ColorPairTable.nearestBasic(to: 16) == 0)  // cube black
    #expect(ColorPairTable.nearestBasic(to: 231) == 15)  // cube white
    #expect(ColorPairTable.nearestBasic(to: 46) == 10)  // pure green
    #expect(ColorPairTable.nearestBasic(to: 232) == 0)  // darkest grey
    #expect(ColorPairTable.nearestBasic(to: 255) == 7)  // lightest grey is closer to 229 than 255
}
