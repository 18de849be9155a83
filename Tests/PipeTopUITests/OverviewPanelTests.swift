import Testing
import PipeTopCore
@testable import PipeTopUI

/// The Overview gives its table the rows it needs and, when enough are left, shows the selected
/// pipeline's charts, alerts and latest events under it.
@Suite struct OverviewPanelTests {
    static func frame(_ snapshot: StoreSnapshot, width: Int, height: Int, selected: Int? = nil) throws -> [String] {
        var state = AppState()
        if let selected { state.selection[.overview] = selected }
        var buffer = Buffer(width: width, height: height)
        Dashboard.render(state, try Fixtures.context(snapshot), into: &buffer)
        return buffer.lines
    }

    @Test func aWideTallTerminalShowsTheSelectedPipelinesChartsAndEvents() throws {
        // fraud, critical, is the first row.
        let lines = try Self.frame(ScreenTests.snapshot, width: 140, height: 45, selected: 0)
        let text = lines.joined(separator: "\n")
        // The table keeps its three rows, right under its header.
        let header = try #require(lines.firstIndex { $0.contains("STATUS") })
        #expect(lines[header + 1].contains("fraud") && lines[header + 4].hasPrefix("└"))
        // Charts side by side, then the alerts and events of fraud, not of the others.
        let charts = try #require(lines.first { $0.contains("Records in/s") })
        #expect(charts.contains("p99 ms"), "side by side: \(charts)")
        #expect(lines.contains { $0.contains("⠀") || $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }, "the charts draw")
        let panel = lines[(header + 5)...].joined(separator: "\n")
        #expect(panel.contains("fraud: alerts (2), latest events"))
        #expect(panel.contains("error_rate — errors 5.00% of input"), "the active alerts: \(panel)")
        #expect(panel.contains("fraud-lr v4 candidate") && !panel.contains("churn-lr v4 candidate"), "the latest events: \(panel)")
        #expect(lines[lines.count - 2].hasPrefix("└"), "the panel takes the rest of the screen: \(text)")
    }

    @Test func manyPipelinesOnASmallTerminalLeaveTheTableAlone() throws {
        let names = (1...40).map { "pipeline-\($0)" }
        let lines = try Self.frame(Fixtures.snapshot(names: names), width: 120, height: 30)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Pipelines (40)") && text.contains("pipeline-1 "))
        #expect(!text.contains("Records in/s") && !text.contains("latest events"))
        #expect(lines[lines.count - 2].hasPrefix("└"), "the table's block reaches the footer")
    }

    @Test func at80x24NothingOverlaps() throws {
        let lines = try Self.frame(ScreenTests.snapshot, width: 80, height: 24)
        #expect(lines.count == 24 && lines.allSatisfy { DisplayWidth.of($0) == 80 })
        // Every block between tabs and footer is closed on its own lines: top, sides, bottom.
        let body = lines[2..<23]
        let tops = body.indices.filter { body[$0].hasPrefix("┌") }
        let bottoms = body.indices.filter { body[$0].hasPrefix("└") }
        #expect(tops.count == bottoms.count && zip(tops, bottoms).allSatisfy { $0 < $1 }, "\(lines.joined(separator: "\n"))")
        for (top, bottom) in zip(tops, bottoms) {
            for y in top + 1..<bottom { #expect(body[y].hasPrefix("│") && body[y].hasSuffix("│"), "line \(y): \(body[y])") }
        }
        #expect(lines.joined().contains("Pipelines (3)") && lines.joined().contains("ALERTS"))
    }
}
