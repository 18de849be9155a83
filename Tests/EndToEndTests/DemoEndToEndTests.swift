import Foundation
import PipeTopTestSupport
import Testing

/// `pipetop demo` as a user runs it: headless, as a screenshot, and in a real terminal.
@Suite(.serialized, .enabled(if: endToEndReady, "pipetop is not built next to the tests, or tmux is missing"))
struct DemoEndToEndTests {
    @Test func headlessWritesContractEventsThatTheDashboardReplays() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try BuiltPipetop.run(["demo", "--headless", "--duration", "3s", "--speed", "25", "--rate", "200", "--out", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let summary = run.stderr
        #expect(summary.hasPrefix("pipetop demo: 3s wall"), "\(summary)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(summary.contains("\(lines.count) lines to \(file)"))
        var types: [String: Int] = [:]
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            types[object["type"] as? String ?? "?", default: 0] += 1
        }
        #expect(Set(types.keys) == ["metrics", "model", "scored", "label"], "\(types)")
        #expect((types["scored"] ?? 0) > 5_000)
        // Versions published as data, a drift past the first minute, a retrained candidate.
        let text = lines.joined(separator: "\n")
        #expect(text.contains(#""event":"published""#) && text.contains(#""artifact":{"format":"logistic_regression""#))
        #expect(text.contains(#""event":"candidate""#), "a candidate within 90 s of pipeline time")
        #expect(text.contains(#""role":"shadow""#))
        // The recording is a valid --replay file: the dashboard shows the pipelines.
        let session = try TmuxSession(command: "\(BuiltPipetop.path) --replay \(file) --speed max", columns: 140, rows: 30)
        let screen = try session.waitFor(text: "replay finished", seconds: 90)
        for name in ["fraud", "churn", "ctr", "fraud-lr v1"] { #expect(screen.contains(name), "\(name)") }
    }

    @Test func aScreenshotNeedsNoTerminalAndShowsTheStory() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shot-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try BuiltPipetop.run(["demo", "--screenshot", file, "--after", "65s", "--rate", "300", "--size", "130x20", "--view", "models:fraud"])
        #expect(run.status == 0, "\(run.stderr)")
        let shot = try String(contentsOfFile: file, encoding: .utf8)
        let lines = shot.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 20)
        #expect(lines.allSatisfy { $0.count == 130 })
        #expect(shot.contains("Models of fraud"))
        #expect(shot.contains("candidate") && shot.contains("serving"), "v2 shadow-scored beside v1:\n\(shot)")
        #expect(!shot.contains("\u{1B}["))
        let ansi = try BuiltPipetop.run(["demo", "--screenshot", file, "--after", "5s", "--rate", "100", "--size", "80x10", "--ansi"])
        #expect(ansi.status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\u{1B}["))
    }

    @Test func badDemoArgumentsGetOneClearLineAndExitCode64() throws {
        let cases: [([String], String)] = [
            (["--pipelines", "0"], "--pipelines 0 is out of range (1-32)"),
            (["--rate", "fast"], "--rate 'fast' is not a rate"),
            (["--strategy", "fraud=bogus"], "unknown serving strategy 'bogus'"),
            (["--strategy", "nosuch=single"], "no demo pipeline is named 'nosuch'"),
            (["--strategy", "fraud"], "expected PIPELINE=STRATEGY"),
            (["--speed", "0"], "speed"),
            (["--size", "10"], "--size '10' is not COLSxROWS"),
            (["--screenshot", "/tmp/x", "--view", "nowhere"], "no such screen"),
        ]
        for (arguments, message) in cases {
            let base = arguments.contains("--screenshot") ? ["demo"] : ["demo", "--headless", "--duration", "1"]
            let run = try BuiltPipetop.run(base + arguments)
            #expect(run.status == 64, "\(arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        let unwritable = try BuiltPipetop.run(["demo", "--headless", "--duration", "1", "--out", "/nonexistent/dir/x.ndjson"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr == "pipetop: cannot write /nonexistent/dir/x.ndjson: No such file or directory\n")
    }

    @Test func headlessOutputIntoAClosedPipeEndsQuietly() throws {
        let run = try BuiltPipetop.runShell(#"( timeout 20 "$PIPETOP" demo --headless --rate max; echo "pipetop exit $?" >&2 ) | head -1"#)
        #expect(run.stdout.hasPrefix(#"{"type":"model""#), "\(run.stdout)")
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("pipetop exit 0"), "\(run.stderr)")
        #expect(!run.stderr.contains("pipetop: "), "\(run.stderr)")
    }

    @Test func theDashboardRunsTheDemoAndQuits() throws {
        let session = try TmuxSession(command: "\(BuiltPipetop.path) demo --speed 10 --rate 300 --retrain-every 15s", columns: 140, rows: 35)
        let screen = try session.waitFor(text: "Pipelines (3)", seconds: 20)
        #expect(screen.contains("demo: 3 pipelines at 10x"))
        // A debug build on a loaded machine runs behind 10x; the retrain comes early enough anyway.
        try session.waitFor("a candidate after the first retraining", seconds: 60) { screen in
            screen.split(separator: "\n").contains { line in line.contains("fraud-lr v1") && (2...9).contains { line.contains(" v\($0) ") } }
        }
        try session.send("2")
        try session.waitFor(text: "Models of churn")
        try session.send("q")
        try DashboardEndToEndTests.expectRestored(session, exit: "0")
    }

    /// The Tail screen on the live demo: columns, the filter, a search that pauses on its
    /// match, and `W` capturing every matching record (also while the display is paused).
    @Test func tailColumnsFilterSearchAndCaptureOnTheLiveDemo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("capture-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let session = try TmuxSession(command: "\(BuiltPipetop.path) demo --speed 5 --rate 300", columns: 160, rows: 40)
        try session.waitFor(text: "Pipelines (3)", seconds: 20)
        try session.send("4")
        try session.waitFor(text: "following")
        try session.type(":columns key,label,outcome,score,features.x1")
        try session.send("Enter")
        try session.waitFor("the chosen columns") { $0.contains("OUTCOME") && $0.contains("X1") && !$0.contains("LAT_US") }
        try session.send("/")
        try session.type("has(label)")
        try session.send("Enter")
        try session.waitFor(text: "filter: has(label)")
        try session.send("W", "C-u")
        try session.type(file)
        try session.send("Enter")
        try session.waitFor(text: "● REC")
        try session.waitFor(text: "capturing every record matching has(label)")
        try session.waitFor("labelled rows", seconds: 20) { $0.contains(" hit ") || $0.contains(" miss ") }
        try session.send("s")
        try session.type("score >= 0")
        try session.send("Enter")
        let found = try session.waitFor(text: "· paused, space to follow")
        #expect(found.contains("PAUSED") && found.contains("search: score >= 0"))
        // Paused, the capture goes on: records keep reaching the file.
        try session.waitFor("records captured", seconds: 20) { screen in
            screen.range(of: #"capturing: [1-9]"#, options: .regularExpression) != nil
        }
        Thread.sleep(forTimeInterval: 3)
        try session.send("W")
        let stopped = try session.waitFor("the capture stopped") { !$0.contains("● REC") && $0.contains("captured ") }
        let said = try #require(stopped.range(of: #"captured ([0-9]+) records to"#, options: .regularExpression).map { String(stopped[$0]) })
        let captured = Int(said.split(separator: " ")[1]) ?? -1
        try session.send("q")
        try DashboardEndToEndTests.expectRestored(session, exit: "0")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 0 && lines.count == captured, "the file holds what the flash said")
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] as? String == "scored" && object?["label"] != nil, "every captured record matches the filter: \(line)")
        }
    }
}

/// Promote and roll back by keypress in `pipetop demo`, with the audit log checked afterwards.
@Suite(.serialized, .enabled(if: endToEndReady, "pipetop is not built next to the tests, or tmux is missing"))
struct ControlEndToEndTests {
    /// Answers `y` to the dialog on `screen`, and types `version` too when the dialog asks for it
    /// (whether it does depends on the live numbers of the run).
    static func confirm(_ screen: String, version: Int, in session: TmuxSession) throws {
        try session.send("y")
        guard screen.contains("careful:") else { return }
        try session.waitFor(text: "type \(version) and enter to confirm")
        try session.type("\(version)")
        try session.send("Enter")
    }

    /// The Overview's table row of `pipeline`; the events under the table name old versions too.
    static func row(of pipeline: String, in screen: String) -> String {
        let row = screen.split(separator: "\n").first { line in
            let words = line.dropFirst().split(separator: " ")
            return line.hasPrefix("│") && words.count > 1 && words[1] == pipeline && ["OK", "WARN", "CRITICAL", "STALE"].contains(words[0])
        }
        return row.map(String.init) ?? ""
    }

    @Test func promoteThenRollBackOnTheDemoAndAuditBoth() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let session = try TmuxSession(
            command: "XDG_STATE_HOME=\(state) PIPETOP_USER=e2e@ci \(BuiltPipetop.path) demo --pipelines 1 --speed 3 --rate 200 --retrain-every 60s",
            columns: 150, rows: 40)
        // The overview shows the newest candidate (a newer one retires the one before). On a
        // loaded machine the demo catches up in bursts and may go past v2 between two reads of
        // the screen, so the test promotes whichever candidate it sees. A candidate lives 20 s
        // (60 s of demo time at 3x): with 10 s, a loaded machine once took longer over the
        // dialog, and the pipeline rejected the promote of a version retired meanwhile.
        let shown = try Regex(#"fraud-lr v1 +v([0-9]+) "#)
        let overview = try session.waitFor("a candidate", seconds: 60) { $0.contains(shown) }
        let candidate = try #require(overview.firstMatch(of: shown).flatMap { Int($0.output[1].substring ?? "") })
        // :promote MODEL vN + y: the serving version changes on screen.
        try session.type(":promote fraud-lr v\(candidate) recovers accuracy")
        try session.send("Enter")
        let dialog = try session.waitFor(text: "Promote fraud-lr v\(candidate)?")
        #expect(dialog.contains("serving v1 → v\(candidate) (candidate)"))
        try Self.confirm(dialog, version: candidate, in: session)
        try session.waitFor("v\(candidate) serving", seconds: 15) {
            let row = Self.row(of: "fraud", in: $0)
            return row.contains("fraud-lr v\(candidate)") && !row.contains("fraud-lr v1 ")
        }
        // r + n: nothing changes.
        try session.send("r")
        try session.waitFor(text: "Roll back fraud-lr?")
        try session.send("n")
        try session.waitFor(text: "cancelled: nothing sent")
        // r + y + the version typed (v1 is less accurate and its drift is critical): v1 serves again.
        try session.send("r")
        let rollback = try session.waitFor(text: "Roll back fraud-lr?")
        #expect(rollback.contains("serving v\(candidate) → v1 (replaced)"))
        // v1 is usually less accurate than the candidate after the drift, and then its version must be typed too.
        try Self.confirm(rollback, version: 1, in: session)
        try session.waitFor("v1 serving again", seconds: 15) { Self.row(of: "fraud", in: $0).contains("fraud-lr v1 ") }
        try session.send("q")
        try session.waitFor(text: "EXITED 0")
        let audit = try BuiltPipetop.run(["audit", "--json", "--file", "\(state)/pipetop/audit.jsonl"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let outcomes = audit.stdout.split(separator: "\n").map { line -> String in
            let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            return "\(o?["action"] ?? "?") \(o?["to"] ?? "?") \(o?["outcome"] ?? "?") \(o?["user"] ?? "?")"
        }
        #expect(outcomes == ["promote \(candidate) sent e2e@ci", "promote \(candidate) applied e2e@ci", "rollback 1 sent e2e@ci", "rollback 1 applied e2e@ci"])
        #expect(audit.stdout.contains("\"reason\":\"recovers accuracy\""))
    }
}

/// The audit log survives `kill -9`: every line written is a whole entry.
@Suite(.enabled(if: BuiltPipetop.isBuilt, "pipetop is not built next to the tests"))
struct AuditLogCrashTests {
    @Test func killingTheWriterInALoopNeverLeavesABrokenLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BuiltPipetop.path)
            process.arguments = ["audit", "--file", file, "--append-test-entries", "1000000"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 60_000...250_000, using: &rng))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "the writer was still writing when killed")
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "the file ends with a whole line")
        let entries = lines.dropLast()
        #expect(entries.count > 12, "\(entries.count) entries")
        let broken = entries.filter { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) == nil }
        #expect(broken.isEmpty, "\(broken.count) broken lines, e.g. \(broken.first ?? "")")
        let read = try BuiltPipetop.run(["audit", "--file", file, "--json"])
        #expect(read.status == 0)
        #expect(read.stdout.split(separator: "\n").count == entries.count)
        #expect(read.stderr.isEmpty)
    }

    /// Linux cuts a write short at a page boundary of the file when its writer gets SIGKILL, so
    /// the loop above leaves a torn entry only now and then. Here the torn entry is made on
    /// purpose: the next writer cuts it off instead of gluing its own entry to it.
    @Test func theNextWriterCutsOffAnEntryTornByAKill() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let first = try BuiltPipetop.run(["audit", "--file", file, "--append-test-entries", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        let whole = try String(contentsOfFile: file, encoding: .utf8)
        let torn = String(whole.split(separator: "\n")[1].prefix(40))
        try (whole + torn).write(toFile: file, atomically: false, encoding: .utf8)
        let next = try BuiltPipetop.run(["audit", "--file", file, "--append-test-entries", "1"])
        #expect(next.status == 0, "\(next.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix(whole), "the entries before the torn one are untouched")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "", "\(lines)")
        #expect(lines.dropLast().allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }, "\(lines)")
        let read = try BuiltPipetop.run(["audit", "--file", file, "--json"])
        #expect(read.stdout.split(separator: "\n").count == 3)
        #expect(read.stderr.isEmpty, "\(read.stderr)")
    }

    /// A writer stopped (ctrl-z) while it holds the log's lock must not hang the others: they
    /// wait a while, then write their entry without the lock.
    @Test func aLockHeldByAStoppedWriterDoesNotHangTheNext() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let held = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(held >= 0)
        defer { close(held) }
        #expect(flock(held, LOCK_EX) == 0)
        let next = try BuiltPipetop.run(["audit", "--file", file, "--append-test-entries", "1"], timeout: .seconds(30))
        #expect(next.status == 0, "\(next.stderr)")
        let read = try BuiltPipetop.run(["audit", "--file", file, "--json"])
        #expect(read.stdout.split(separator: "\n").count == 1, "the entry was written: \(read.stdout)")
    }
}
