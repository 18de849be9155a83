import Testing
import PipeTopCore
@testable import PipeTopUI

/// `a` and `S` on the Events screen: acknowledged and silenced alerts, audited and shown.
@Suite struct AlertActionTests {
    static let snapshot = Fixtures.snapshot()

    /// The Events screen with its first row about an active alert selected.
    static func setUp() throws -> (AppState, AppContext, ViewContext, Alert) {
        let view = try Fixtures.context(snapshot)
        var s = AppState()
        s.screen = .events
        let rows = Dashboard.rowIDs(s, view)
        let c0 = AppContext(rowIDs: rows, nowMs: Fixtures.t0 + 61_000, snapshot: snapshot,
                            control: ControlOptions(requester: "ana@ops"), commandID: "audit-1")
        let index = try #require(rows.firstIndex { Update.alert(forRow: $0, c0) != nil })
        s.selection[.events] = index
        return (s, c0, view, try #require(Update.alert(forRow: rows[index], c0)))
    }

    static func press(_ keys: [String], _ s: inout AppState, _ c: AppContext) throws -> [Effect] {
        let keymap = try Keymap()
        return keys.flatMap { Update.apply(.key(Key($0)), to: &s, keymap: keymap, context: c) }
    }

    static func frame(_ s: AppState, _ view: ViewContext) -> String {
        var state = s
        state.size = (220, 30)
        var buffer = Buffer(width: 220, height: 30)
        Dashboard.render(state, view, into: &buffer)
        return buffer.lines.joined(separator: "\n")
    }

    @Test func acknowledgingMarksTheAlertAndAuditsIt() throws {
        var (s, c, view, alert) = try Self.setUp()
        let effects = try Self.press(["a"], &s, c)
        guard case .audit(let entry)? = effects.first else {
            Issue.record("not audited: \(effects)")
            return
        }
        #expect(entry.action == "ack_alert" && entry.user == "ana@ops" && entry.pipeline == alert.scope && entry.outcome == "applied")
        #expect(s.alertMarks[alert.id]?.ackedBy == "ana@ops")
        let screen = Self.frame(s, view)
        #expect(screen.contains("[acked by ana@ops]"))
        #expect(screen.contains("acked \(alert.kind.rawValue)"), "the operator's action is in the history")
        #expect(try Self.press(["a"], &s, c).isEmpty)
        #expect(s.flash?.text == "already acknowledged by ana@ops")
        // Cleared alerts lose their marks: a new one starts fresh.
        Update.expireMarks(&s, active: [], nowMs: c.nowMs)
        #expect(s.alertMarks.isEmpty)
    }

    @Test func silencingTakesADurationAndLeavesTheHeaderCount() throws {
        var (s, c, view, alert) = try Self.setUp()
        let before = Self.frame(s, view)
        #expect(before.contains("\(Self.snapshot.alerts.count) alerts"))
        _ = try Self.press(["S", "s", "o", "o", "n", "enter"], &s, c)
        #expect(s.alertMarks[alert.id] == nil)
        #expect(s.flash?.role == .critical, "a bad duration is an error: \(s.flash?.text ?? "")")
        let effects = try Self.press(["S", "3", "0", "m", "enter"], &s, c)
        guard case .audit(let entry)? = effects.first else {
            Issue.record("not audited")
            return
        }
        #expect(entry.action == "silence_alert" && entry.detail == "silenced for 30m")
        #expect(s.alertMarks[alert.id]?.silencedUntilMs == c.nowMs + 1_800_000)
        let after = Self.frame(s, view)
        #expect(after.contains("\(Self.snapshot.alerts.count - 1) alerts (1 silenced)"))
        #expect(after.contains("[silenced for 30m by ana@ops]"))
        // When the silence runs out the alert counts again.
        Update.expireMarks(&s, active: Self.snapshot.alerts, nowMs: c.nowMs + 1_800_000)
        #expect(s.alertMarks[alert.id] == nil)
    }

    @Test func onlyAlertRowsCanBeAcknowledged() throws {
        var s = AppState()
        s.screen = .events
        let c = AppContext(rowIDs: [.event(0)], snapshot: Self.snapshot, control: ControlOptions(requester: "ana@ops"))
        #expect(try Self.press(["a"], &s, c).isEmpty)
        #expect(s.flash?.text == "acknowledge: select an alert row")
    }
}
