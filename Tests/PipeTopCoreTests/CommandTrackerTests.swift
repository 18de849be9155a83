import Testing
@testable import PipeTopCore

/// How re-published commands are decided: by the version the scored records show serving,
/// or, where they carry none, by the delivery report alone.
struct CommandTrackerTests {
    private static let origin = MessageOrigin(topic: "wine.models", partition: 0, offset: 7)

    private static func command(_ id: String, version: Int = 1) -> ControlCommand {
        ControlCommand(pipeline: "wine", tsMs: 0, id: id, action: .rollback, model: "wine-lr", version: version, fromVersion: 2, requestedBy: "t")
    }

    @Test func aRepublishedVersionIsAppliedOnceTheScoredRecordsShowItServing() {
        var tracker = CommandTracker()
        tracker.sent(Self.command("a"), route: .republish(Self.origin, acknowledged: true), atMs: 0)
        var serving = 2
        let lookup = { (p: String, m: String) -> Int? in p == "wine" && m == "wine-lr" ? serving : nil }
        // Delivered is not applied: the scorers have not obeyed yet.
        #expect(tracker.resolve(timeline: [], deliveries: ["a": .delivered], serving: lookup, nowMs: 1_000, timeoutMs: 10_000).isEmpty)
        serving = 1
        let decided = tracker.resolve(timeline: [], deliveries: ["a": .delivered], serving: lookup, nowMs: 2_000, timeoutMs: 10_000)
        #expect(decided.map(\.outcome) == [.applied])
        #expect(decided.first?.resolvedAtMs == 2_000)
    }

    @Test func withoutAVersionInTheScoredRecordsDeliveryIsAllThereIs() {
        var tracker = CommandTracker()
        tracker.sent(Self.command("b"), route: .republish(Self.origin, acknowledged: false), atMs: 0)
        #expect(tracker.resolve(timeline: [], serving: { _, _ in 1 }, nowMs: 500, timeoutMs: 10_000).isEmpty)
        let decided = tracker.resolve(timeline: [], deliveries: ["b": .delivered], nowMs: 600, timeoutMs: 10_000)
        #expect(decided.map(\.outcome) == [.delivered])
        #expect(decided.first?.outcome.text == "delivered (no acknowledgement channel)")
        #expect(AuditEntry(decided[0].command, outcome: .delivered, atMs: 600).outcome == "delivered")
    }

    @Test func aRepublishFailsOnItsDeliveryOrTimesOut() {
        var tracker = CommandTracker()
        tracker.sent(Self.command("c"), route: .republish(Self.origin, acknowledged: true), atMs: 0)
        tracker.sent(Self.command("d"), route: .republish(Self.origin, acknowledged: true), atMs: 0)
        let gone = "the message at wine.models[0]@7 is no longer retained (the next message there is at offset 40), so it cannot be re-published"
        var decided = tracker.resolve(timeline: [], deliveries: ["c": .failed(gone)], serving: { _, _ in 2 }, nowMs: 100, timeoutMs: 10_000)
        #expect(decided.map(\.outcome) == [.deliveryFailed(gone)])
        decided = tracker.resolve(timeline: [], deliveries: ["d": .delivered], serving: { _, _ in 2 }, nowMs: 10_000, timeoutMs: 10_000)
        #expect(decided.map(\.outcome) == [.timedOut(seconds: 10)])
    }

    @Test func anAckOnTheControlTopicDoesNotDecideARepublish() {
        var tracker = CommandTracker()
        tracker.sent(Self.command("e"), route: .republish(Self.origin, acknowledged: true), atMs: 0)
        let ack = TimelineEntry(.ack(Ack(pipeline: "wine", tsMs: 0, id: "e", status: .applied)), pipeline: "wine", tsMs: 0)
        #expect(tracker.resolve(timeline: [ack], serving: { _, _ in 2 }, nowMs: 100, timeoutMs: 10_000).isEmpty)
    }
}
