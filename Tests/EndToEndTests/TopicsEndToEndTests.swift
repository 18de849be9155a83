import Foundation
import Testing

/// The Topics screen of the dashboard on a real broker, in tmux: `6` lists the cluster's
/// topics with their retained records, `i` shows internal ones, `enter` says the tail of a
/// topic is not wired yet.
@Suite(.serialized, .enabled(if: endToEndReady, "pipetop is not built next to the tests, or tmux is missing"))
struct TopicsEndToEndTests {
    /// Runs `command` in the shell with librdkafka 2.16 first on the library path.
    static func shell(_ command: String) -> Int32 {
        let lib = TmuxSession.quote(KafkaDashboardEndToEndTests.root + "/.build-kafka/lib")
        return system("export LD_LIBRARY_PATH=\(lib); (\(command)) </dev/null >/dev/null 2>&1")
    }

    @Test func sixListsTheClustersTopicsAndEnterAsksForATail() throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        let tansu = TmuxSession.quote(KafkaDashboardEndToEndTests.root + "/.build-kafka/bin/tansu")
        for (topic, partitions) in [("e2e.orders", 3), ("_schemas", 1)] {
            #expect(Self.shell("\(tansu) topic create --broker tcp://\(broker.address) --partitions \(partitions) \(topic)") == 0)
        }
        // One record per batch: the broker's end offsets count batches (see the README).
        #expect(Self.shell("seq 1 20 | kcat -P -b \(broker.address) -t e2e.orders -X batch.num.messages=1") == 0)

        let config = try KafkaDashboardEndToEndTests.config("# empty\n")
        let session = try TmuxSession(command: KafkaDashboardEndToEndTests.pipetop("--brokers \(broker.address) --config \(config)"),
                                      columns: 120, rows: 30)
        try session.waitFor("the dashboard", seconds: 20) { $0.contains("6 Topics") }
        try session.send("6")
        let screen = try session.waitFor("e2e.orders with 3 partitions and 20 records", seconds: 20) { s in
            s.split(separator: "\n").contains { $0.contains("e2e.orders") && $0.split(separator: " ").contains("3") && $0.contains(" 20 ") }
        }
        #expect(!screen.contains("_schemas"), "internal topics hidden: \(screen)")
        #expect(screen.contains("1 internal hidden"), "\(screen)")
        try session.send("i")
        try session.waitFor("_schemas shown", seconds: 10) { $0.contains("_schemas") }
        try session.send("G")
        try session.send("Enter")
        // The Tail on that topic: every message (the reader starts 100 before the end), decoded
        // as JSON (the values are numbers), with its partition and offset.
        let tail = try session.waitFor("the topic's tail", seconds: 20) { $0.contains("Tail of topic e2e.orders") && $0.contains("20 read") }
        #expect(tail.split(separator: "\n").filter { $0.contains("@") && $0.contains(":") }.count == 20, "\(tail)")
        try session.send("Enter")
        try session.waitFor("a message opened", seconds: 10) { $0.contains("e2e.orders · partition") && $0.contains("headers: none") }
        try session.send("Escape")
        try session.send("Escape")
        try session.waitFor("back on the Topics screen", seconds: 10) { $0.contains("Topics (") }
        try session.send("q")
        #expect(try session.waitFor(text: "EXITED", seconds: 15).contains("EXITED 0"))
    }
}
