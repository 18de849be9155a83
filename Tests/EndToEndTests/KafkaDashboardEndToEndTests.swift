import Foundation
import PipeTopTestSupport
import Testing

/// The dashboard on a real broker, as an operator runs it: `pipetop demo --kafka` in one
/// terminal, and `pipetop --context NAME` on the same cluster in another.
///
/// The broker is the local Tansu of `scripts/start-broker` (set up by `scripts/kafka-env`, as
/// `make test` does), on a free port with a state file of this suite's own; the binaries run
/// with librdkafka 2.16 first on their library path.
@Suite(.serialized, .enabled(if: endToEndReady, "pipetop is not built next to the tests, or tmux is missing"))
struct KafkaDashboardEndToEndTests {
    /// The repository root, from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // EndToEndTests, Tests, file
        return url.path
    }()

    /// `pipetop` in a shell command line, with the library that can talk to the test broker.
    static func pipetop(_ arguments: String) -> String {
        "LD_LIBRARY_PATH=\(TmuxSession.quote(root + "/.build-kafka/lib")) \(TmuxSession.quote(BuiltPipetop.path)) \(arguments)"
    }

    /// A configuration file with `text`.
    static func config(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-e2e-\(UUID().uuidString).toml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func demoOverKafkaAndASecondDashboardOnAProtectedContextShowTheSamePipelines() throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        let empty = try Self.config("# empty\n")
        let demo = try TmuxSession(
            command: Self.pipetop("demo --kafka --brokers \(broker.address) --speed 5 --rate 200 --config \(empty)"), columns: 140, rows: 30)
        let demoScreen = try demo.waitFor("the demo's three pipelines", seconds: 40) { s in
            s.contains("Pipelines (3)") && ["fraud", "churn", "ctr"].allSatisfy(s.contains)
        }
        #expect(demoScreen.contains("demo over kafka \(broker.address)"), "\(demoScreen)")

        let contexts = try Self.config("""
            [[contexts]]
            name = "staging"
            brokers = "127.0.0.1:1"

            [[contexts]]
            name = "prod-eu"
            brokers = "\(broker.address)"
            protected = true
            """)
        let watcher = try TmuxSession(command: Self.pipetop("--config \(contexts) --context prod-eu"), columns: 140, rows: 30)
        let screen = try watcher.waitFor("the same pipelines read from the topics", seconds: 30) { s in
            s.contains("Pipelines (3)") && ["fraud-lr v1", "churn-lr v1", "ctr-nb v1"].allSatisfy(s.contains)
        }
        #expect(screen.contains(" pipetop  prod-eu PROTECTED  kafka \(broker.address) · connected"), "\(screen)")
        // The first retrain (a minute of pipeline time, 12 s here) shows as a candidate on both.
        try watcher.waitFor("fraud's candidate v2", seconds: 40) { $0.split(separator: "\n").contains { $0.contains("fraud-lr v1") && $0.contains(" v2 ") } }
        try demo.waitFor("fraud's candidate v2 in the demo's own dashboard", seconds: 10) {
            $0.split(separator: "\n").contains { $0.contains("fraud-lr v1") && $0.contains(" v2 ") }
        }

        // :context switches clusters in the same process: staging's broker is down, then back.
        try watcher.type(":context staging")
        try watcher.send("Enter")
        let staging = try watcher.waitFor("staging, disconnected", seconds: 20) { $0.contains(" pipetop  staging ") && $0.contains("disconnected") }
        #expect(!staging.contains("PROTECTED"))
        try watcher.type(":context prod-eu")
        try watcher.send("Enter")
        try watcher.waitFor("back on prod-eu", seconds: 30) { $0.contains("prod-eu PROTECTED") && $0.contains("fraud-lr v1") }
        try watcher.send("q")
        #expect(try watcher.waitFor(text: "EXITED", seconds: 15).contains("EXITED 0"))
        try demo.send("q")
        #expect(try demo.waitFor(text: "EXITED", seconds: 15).contains("EXITED 0"))
    }

    @Test func withoutAnEventSourceTheUsageErrorNamesBrokersAndTheDemo() throws {
        let run = try BuiltPipetop.run(["--config", try Self.config("# empty\n")])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--brokers HOST:PORT") && run.stderr.contains("`pipetop demo`"), "\(run.stderr)")
    }
}

/// A Tansu broker started with `scripts/start-broker` on a free port; `stop()` ends it.
final class LocalBroker {
    let address: String
    let state: String

    init() throws {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-e2e-broker-\(UUID().uuidString).state").path
        let run = try Self.script("start-broker", ["--state", state])
        guard run.status == 0, let line = run.stdout.split(separator: "\n").last, line.hasPrefix("127.0.0.1:") else {
            throw TmuxError(message: "scripts/start-broker failed (\(run.status)): \(run.stderr)")
        }
        address = String(line)
    }

    func stop() {
        _ = try? Self.script("stop-broker", ["--state", state, "--kill"])
        try? FileManager.default.removeItem(atPath: state + ".log")
    }

    deinit { stop() }

    /// Runs `scripts/NAME arguments` through the shell (as `TmuxSession` starts tmux): a
    /// `Process` would wait for ever on descriptors the forked broker inherits.
    static func script(_ name: String, _ arguments: [String]) throws -> RunResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path, err = dir.appendingPathComponent("err").path
        let line = ([KafkaDashboardEndToEndTests.root + "/scripts/" + name] + arguments).map(TmuxSession.quote).joined(separator: " ")
        let status = system(line + " </dev/null >\(TmuxSession.quote(out)) 2>\(TmuxSession.quote(err))")
        return RunResult(
            status: status == 0 ? 0 : max(1, (status >> 8) & 0xff), stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
