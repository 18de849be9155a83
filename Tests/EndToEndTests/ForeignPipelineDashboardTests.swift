import Foundation
import Testing

/// The dashboard on a pipeline that was not written for pipetop (`scripts/foreign-pipeline`,
/// a numpy scorer that serves whatever models message arrived last), configured with
/// `Config/examples/foreign-pipeline.toml` alone: it shows the pipeline as mapped, which version serves and the one it
/// replaced, and rolls back with `r` by re-publishing the old version's message, which the
/// scorer obeys.
@Suite(.serialized, .enabled(if: endToEndReady, "pipetop is not built next to the tests, or tmux is missing"))
struct ForeignPipelineDashboardTests {
    @Test func rollingBackAForeignPipelineFromTheModelsScreen() throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        let topic = { (name: String) in "wine.\(name)" }
        func foreign(_ arguments: String) -> String {
            TmuxSession.quote(KafkaDashboardEndToEndTests.root + "/scripts/foreign-pipeline") + " " + arguments
        }
        func train(_ revision: Int) throws {
            let run = try LocalBroker.script("foreign-pipeline", [
                "train", "--brokers", broker.address, "--topic", topic("models"), "--revision", "\(revision)", "--seed", "\(revision)",
                "--note", "revision \(revision)"])
            try #require(run.status == 0, "\(run.stderr)")
        }
        try train(1)
        let scorer = try TmuxSession(command: foreign(
            "score --brokers \(broker.address) --models \(topic("models")) --records \(topic("records")) --scored \(topic("scored")) "
                + "--errors \(topic("errors")) --group wine-scorers"), columns: 100, rows: 10)
        let feeder = try TmuxSession(command: foreign("feed --brokers \(broker.address) --topic \(topic("records")) --count 100000 --rate 150"),
                                     columns: 100, rows: 10)
        // The shipped example, as a user would start from it; --brokers overrides its broker.
        let config = KafkaDashboardEndToEndTests.root + "/Config/examples/foreign-pipeline.toml"
        let dashboard = try TmuxSession(command: KafkaDashboardEndToEndTests.pipetop("--brokers \(broker.address) --config \(config)"),
                                        columns: 160, rows: 40)
        let overview = try dashboard.waitFor("the mapped pipeline serving revision 1", seconds: 40) { s in
            s.contains("1 pipeline (1 mapped)") && s.contains("wine-quality v1")
        }
        #expect(overview.contains("OK       wine"), "\(overview)")
        // Revision 1 scores records (its line has a latency) before revision 2 is trained: on a
        // loaded machine the scorer can start late and load revision 2 first, and then revision 1
        // never served and cannot be the rollback target.
        try dashboard.send("2")
        try dashboard.waitFor("revision 1 scoring records", seconds: 40) { s in
            s.split(separator: "\n").contains { $0.contains("wine-quality v1") && $0.contains("serving") && $0.contains("ms ") }
        }
        try train(2)
        try dashboard.waitFor("revision 2 serving, revision 1 replaced", seconds: 40) { s in
            let lines = s.split(separator: "\n")
            return lines.contains { $0.contains("v2") && $0.contains("serving") } && lines.contains { $0.contains("v1") && $0.contains("replaced") }
        }
        try dashboard.send("r")
        // The whole dialog: a capture can land while a frame is half written.
        try dashboard.waitFor("the rollback dialog naming the message it re-publishes", seconds: 5) { s in
            s.contains("Roll back wine-quality?") && s.contains("serving v2 → v1 (replaced)") && s.contains("re-publishes \(topic("models"))[")
        }
        try dashboard.send("y")
        let after = try dashboard.waitFor("the rollback applied by the scorer", seconds: 30) { s in
            s.split(separator: "\n").contains { $0.contains("v1") && $0.contains("serving") && $0.contains("rollback applied") }
        }
        #expect(after.split(separator: "\n").contains { $0.contains("v2") && $0.contains("replaced") }, "\(after)")
        try scorer.waitFor("the scorer loading revision 1 again", seconds: 5) { s in
            s.components(separatedBy: "loaded wine-quality revision 1").count == 3
        }
        try dashboard.send("q")
        #expect(try dashboard.waitFor(text: "EXITED", seconds: 15).contains("EXITED 0"))
        _ = feeder
    }
}
