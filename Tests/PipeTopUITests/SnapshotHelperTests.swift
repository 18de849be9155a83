import Testing

@testable import PipeTopUI

@Test func snapshotDifferenceIsNilOnlyForEqualLines() {
    #expect(Snapshot.difference(expected: ["ab", "cd"], actual: ["ab", "cd"]) == nil)
    #expect(Snapshot.difference(expected: ["ab"], actual: ["ab "]) != nil)
}

@Test func snapshotDifferenceShowsNumberedExpectedAndActualLines() {
    let text = Snapshot.difference(expected: ["same", "old", "gone"], actual: ["same", "new"])
    #expect(text?.contains("    1 |same|") == true)
    #expect(text?.contains("-   2 |old|") == true)
    #expect(text?.contains("+   2 |new|") == true)
    #expect(text?.contains("-   3 |gone|") == true)
}

@Test func snapshotFilesKeepTrailingSpacesAndDropOnlyTheFinalNewline() {
    #expect(Snapshot.parse("a \n\nb\n") == ["a ", "", "b"])
}
