import Foundation
import Testing

@testable import PipeTopUI

/// Golden text files live next to the tests, found through `#filePath` so that re-recording
/// (`PIPETOP_RECORD_SNAPSHOTS=1 swift test`) writes into the source tree, not the build folder.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PipeTopUITests
        .appendingPathComponent("Snapshots")

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["PIPETOP_RECORD_SNAPSHOTS"] == "1"
    }

    /// A line-by-line comparison, or nil when equal. Lines are shown between `|` so trailing
    /// spaces are visible; unchanged lines are kept for context with their numbers.
    static func difference(expected: [String], actual: [String]) -> String? {
        guard expected != actual else { return nil }
        var out = "(- expected, + actual; \(expected.count) vs \(actual.count) lines)\n"
        for i in 0..<max(expected.count, actual.count) {
            let number = String(i + 1)
            let pad = String(repeating: " ", count: max(0, 3 - number.count)) + number
            let e = i < expected.count ? expected[i] : nil
            let a = i < actual.count ? actual[i] : nil
            if e == a, let e {
                out += "  \(pad) |\(e)|\n"
                continue
            }
            if let e { out += "- \(pad) |\(e)|\n" }
            if let a { out += "+ \(pad) |\(a)|\n" }
        }
        return out
    }

    static func parse(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Compares `buffer.lines` with `Snapshots/<name>.txt`; records the file instead when
/// `PIPETOP_RECORD_SNAPSHOTS=1`. Failures point at the caller and show the differing lines.
func assertSnapshot(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = Snapshot.directory.appendingPathComponent(name + ".txt")
    let actual = buffer.lines
    if Snapshot.isRecording {
        do {
            try (actual.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        let shown = actual.map { "|\($0)|" }.joined(separator: "\n")
        Issue.record(
            "missing snapshot \(url.path); record with PIPETOP_RECORD_SNAPSHOTS=1. Actual:\n\(shown)",
            sourceLocation: sourceLocation)
        return
    }
    if let difference = Snapshot.difference(expected: Snapshot.parse(text), actual: actual) {
        Issue.record("snapshot \(name) differs \(difference)", sourceLocation: sourceLocation)
    }
}

/// Renders `widget` into a fresh `width`×`height` buffer with the default theme.
func render(_ widget: some Widget, width: Int, height: Int, theme: Theme = .defaultDark) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    widget.render(in: buffer.area, buffer: &buffer, theme: theme)
    return buffer
}
