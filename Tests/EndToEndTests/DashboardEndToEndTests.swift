import Foundation
import PipeTopTestSupport
import Testing

/// The real binary in a real terminal (tmux) on the committed recording.
@Suite(.serialized, .enabled(if: endToEndReady, "pipetop is not built next to the tests, or tmux is missing"))
struct DashboardEndToEndTests {
    static func recording(_ name: String) -> String {
        Bundle.module.resourceURL?.appendingPathComponent("Recordings/\(name)").path ?? name
    }

    /// The dashboard replaying the small recording with its configuration: `environment`
    /// before the command, `options` after it.
    static func replay(environment: String = "", options: String = "--speed max") -> String {
        "\(environment) \(BuiltPipetop.path) --replay \(recording("small.ndjson")) --config \(recording("small.toml")) \(options)"
    }

    static func start(columns: Int = 120, rows: Int = 40, extra: String = "") throws -> TmuxSession {
        let session = try TmuxSession(command: replay(options: "--speed max \(extra)"), columns: columns, rows: rows)
        try session.waitFor(text: "replay finished")
        return session
    }

    /// After the program ended: the shell runs again with a sane terminal.
    static func expectRestored(_ session: TmuxSession, exit: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let screen = try session.waitFor(text: "EXITED", sourceLocation: sourceLocation)
        #expect(screen.contains("EXITED \(exit)"), sourceLocation: sourceLocation)
        let stty = try session.waitFor("stty output", sourceLocation: sourceLocation) { $0.contains("icanon") }
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"), "canonical mode is back", sourceLocation: sourceLocation)
        #expect(stty.contains(" echo ") && !stty.contains("-echo "), "echo is back", sourceLocation: sourceLocation)
        #expect(!stty.contains("Pipelines ("), "the alternate screen is gone", sourceLocation: sourceLocation)
        let flags = try session.tmux(["display-message", "-p", "-t", session.name, "#{alternate_on} #{cursor_flag}"])
        #expect(flags.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1", "no alternate screen, cursor visible",
                sourceLocation: sourceLocation)
    }

    @Test func everyScreenShowsTheRecordingAndQuitRestoresTheTerminal() throws {
        let s = try Self.start()
        let overview = try s.waitFor(text: "Pipelines (3)")
        for name in ["churn", "ctr", "fraud", "ctr-lr v4", "READ-ONLY"] where name != "READ-ONLY" {
            #expect(overview.contains(name), "overview shows \(name)")
        }
        // The Overview's first row (the worst pipeline, fraud) is the one its Models are of.
        try s.send("2")
        try s.waitFor(text: "Models of fraud")
        try s.send("3")
        try s.waitFor(text: "Drift of fraud")
        try s.send("4")
        try s.waitFor(text: "Tail")
        try s.send("5")
        let events = try s.waitFor(text: "Events (")
        #expect(events.contains("promote ctr-lr v4 (from v3)"))
        #expect(events.contains("applied"))
        // By name (`o` from the default, by status), the third row is fraud.
        try s.send("1", "o")
        try s.waitFor(text: "Pipelines (3), by name")
        try s.send("j", "j", "Enter")
        try s.waitFor(text: "fraud: instances (2)")
        // An escape followed at once by a key is that key with Alt (as terminals send it): on a
        // loaded machine tmux's keys can arrive in one read, so each waits for the escape's effect.
        try s.send("Escape")
        try s.waitFor(text: "Pipelines (3), by name")
        try s.send("?")
        try s.waitFor(text: "Help: Overview")
        try s.send("Escape")
        try s.waitFor("the help closed") { !$0.contains("Help: Overview") }
        try s.send("q")
        try Self.expectRestored(s, exit: "0")
    }

    @Test func filterAndCommandMode() throws {
        let s = try Self.start()
        try s.send("/")
        try s.type("fr")
        try s.send("Enter")
        let filtered = try s.waitFor(text: "Pipelines (1)")
        #expect(filtered.contains("fraud") && !filtered.contains("churn"))
        try s.send("Escape")
        try s.waitFor(text: "Pipelines (3)")
        try s.send(":")
        try s.type("models fraud")
        try s.send("Enter")
        try s.waitFor(text: "Models of fraud")
        try s.send(":")
        try s.type("nonsense")
        try s.send("Enter")
        try s.waitFor(text: "unknown command")
        try s.send(":")
        try s.type("q")
        try s.send("Enter")
        try Self.expectRestored(s, exit: "0")
    }

    @Test func resizeRelayoutsAndATinyTerminalSaysSo() throws {
        let s = try Self.start()
        try s.resize(columns: 60, rows: 20)
        let small = try s.waitFor(text: "Pipelines (3)")
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 60 })
        try s.resize(columns: 36, rows: 8)
        try s.waitFor(text: "terminal too small")
        try s.resize(columns: 120, rows: 40)
        try s.waitFor(text: "LAST 60s")
        try s.send("q")
        try Self.expectRestored(s, exit: "0")
    }

    /// Without a UTF-8 locale (`LANG=C`) borders are the terminal's line drawing (shift-out to
    /// the VT100 graphics set, `l` a corner, `q` a line) and the header's text is intact.
    @Test func aNonUTF8LocaleKeepsBordersAndText() throws {
        let s = try TmuxSession(command: Self.replay(environment: "LANG=C LC_ALL=C"), columns: 120, rows: 30)
        let screen = try s.waitFor(text: "replay finished")
        #expect(screen.contains(" - 3 pipelines - "), "\(screen)")
        let lines = try s.tmux(["capture-pane", "-p", "-e", "-t", s.name]).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("\u{0E}l") && $0.contains("Pipelines (3)") && $0.contains("\u{0E}qqqq") }, "\(lines.prefix(4))")
        try s.send("q")
        try Self.expectRestored(s, exit: "0")
    }

    /// A terminal that cannot move its cursor gets one line and exit 1, not a screen of garbage.
    @Test func aDumbTerminalIsRefusedWithOneLine() throws {
        let s = try TmuxSession(command: Self.replay(environment: "TERM=dumb", options: ""), columns: 120, rows: 60)
        let screen = try s.waitFor(text: "EXITED")
        // The line wraps at the pane's width.
        let text = screen.replacingOccurrences(of: "\n", with: "")
        #expect(text.contains("pipetop: TERM=dumb cannot move the cursor, which the dashboard needs; run it in a full-screen terminal"), "\(screen)")
        #expect(screen.contains("EXITED 1"), "\(screen)")
        try Self.expectRestored(s, exit: "1")
    }

    @Test(arguments: [(SIGTERM, "143"), (SIGINT, "130"), (SIGHUP, "129")])
    func aSignalRestoresTheTerminal(_ signal: Int32, _ exit: String) throws {
        let s = try Self.start()
        let pid = try #require(try s.programPID())
        kill(pid, signal)
        try Self.expectRestored(s, exit: exit)
    }

    @Test func readOnlyShowsTheBadgeAndHidesControlKeys() throws {
        let s = try Self.start(extra: "--read-only")
        let screen = try s.waitFor(text: "READ-ONLY")
        #expect(!screen.contains("p promote"))
        try s.send("q")
        try Self.expectRestored(s, exit: "0")
    }
}
