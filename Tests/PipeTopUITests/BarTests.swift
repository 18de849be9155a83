import Testing

@testable import PipeTopUI

@Test func tabsHighlightTheSelectedTitle() {
    let tabs = Tabs(titles: ["1 Overview", "2 Models", "3 Drift"], selected: 1)
    let buffer = render(tabs, width: 40, height: 1)
    assertSnapshot(buffer, named: "tabs")
    #expect(buffer[14, 0].style == Theme.defaultDark.style(for: .selection))
    #expect(buffer[2, 0].style == Theme.defaultDark.style(for: .muted))
}

@Test func headerBarPacksLeftAndRightSegments() {
    let bar = HeaderBar(
        left: [" pipetop ", Span("demo", role: .ok)], right: [Span("READ-ONLY", role: .warn), " 12:00:00 "])
    let buffer = render(bar, width: 40, height: 1)
    assertSnapshot(buffer, named: "headerbar")
    #expect(buffer[20, 0].style == Theme.defaultDark.style(for: .header))
}

@Test func headerBarDropsRightSegmentsFromTheirStartWhenNarrow() {
    let bar = HeaderBar(left: ["pipetop demo"], right: ["READ-ONLY", " 12:00:00"])
    #expect(render(bar, width: 24, height: 1).lines == ["pipetop demo    12:00:00"])
}

@Test func statusBarShowsHintsAndAFlashMessage() {
    let bar = StatusBar(
        hints: [KeyHint("q", "quit"), KeyHint("/", "filter"), KeyHint("?", "help")],
        flash: Span("promote is not wired yet", role: .warn))
    let buffer = render(bar, width: 50, height: 1)
    assertSnapshot(buffer, named: "statusbar-flash")
    #expect(buffer[49, 0].style == Theme.defaultDark.style(for: .warn))
    #expect(buffer[0, 0].style == Theme.defaultDark.style(for: .accent))
}

@Test func statusBarDropsHintsThatDoNotFitWhole() {
    let bar = StatusBar(hints: [KeyHint("q", "quit"), KeyHint("/", "filter")])
    #expect(render(bar, width: 10, height: 1).lines == ["q quit    "])
}

@Test func modalIsCentredAndClearsWhatIsBeneath() {
    var buffer = Buffer.with(lines: Array(repeating: String(repeating: "x", count: 40), count: 9))
    let modal = Modal(
        title: "Promote", body: ["fraud: v6 → v7", "candidate AUC 0.91"],
        buttons: [KeyHint("y", "promote"), KeyHint("n", "cancel")])
    modal.render(in: buffer.area, buffer: &buffer, theme: .defaultDark)
    assertSnapshot(buffer, named: "modal-promote")
    #expect(modal.rect(in: buffer.area) == Rect(x: 8, y: 1, width: 23, height: 6))
}

@Test func aScrolledModalIsWideEnoughForItsTitleAndPosition() {
    var buffer = Buffer(width: 80, height: 10)
    let title = "fraud-avro · partition 2 · offset 499"
    let modal = Modal(title: title, body: (1...30).map { "line \($0)" }, buttons: [KeyHint("esc", "close")])
    modal.render(in: buffer.area, buffer: &buffer, theme: .defaultDark)
    let top = buffer.lines.first { $0.contains("offset 499") } ?? ""
    #expect(top.contains(title + " ") && top.contains(" lines 1-6 of 30 "), "\(top)")
    // A body that fits has no position, and the dialog stays as narrow as its content.
    let short = Modal(title: title, body: ["one"], buttons: [KeyHint("esc", "close")])
    #expect(short.rect(in: buffer.area).width == DisplayWidth.of(title) + 6)
}

@Test func aDialogOneColumnNarrowerThanTheScreenTakesAllOfIt() {
    let area = Rect(x: 0, y: 0, width: 80, height: 24)
    // Content 75 wide: 79 with borders and padding, which would leave a one-column sliver.
    #expect(Modal(title: "t", body: [String(repeating: "x", count: 75)]).rect(in: area).width == 80)
    #expect(Modal(title: "t", body: [String(repeating: "x", count: 74)]).rect(in: area) == Rect(x: 1, y: 10, width: 78, height: 3))
}
