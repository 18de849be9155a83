import Synchronization
import Testing
import PipeTopCore
@testable import PipeTopUI

/// The dashboard's real loop, driven on a `TestBackend` by a script on manual time: keys in,
/// frames drawn, effects performed, sources changing under it.
@Suite struct DashboardLoopTests {
    static let t0: Int64 = 1_764_000_000_000

    /// A store with three pipelines, each serving v3 with v4 a candidate, 10 s of metrics.
    static func store() -> PipelineStore {
        let store = PipelineStore(basis: .eventTime, clock: ManualWallClock(nowMs: t0))
        for name in ["churn", "ctr", "fraud"] {
            store.ingest(.model(ModelEvent(pipeline: name, tsMs: t0, model: "\(name)-lr", version: 3, event: .promoted)), source: "models")
            store.ingest(.model(ModelEvent(pipeline: name, tsMs: t0, model: "\(name)-lr", version: 4, event: .candidate, parent: 3)), source: "models")
            for t in Int64(0)...10 { store.ingest(metrics(name, at: t0 + t * 1_000, count: UInt64(t) * 100), source: "metrics") }
        }
        return store
    }

    static func metrics(_ name: String, at tsMs: Int64, count: UInt64) -> Event {
        .metrics(MetricsEvent(pipeline: name, tsMs: tsMs, instance: "scorer-1", stage: "score", recordsIn: count, recordsOut: count,
                              errors: 0, serving: [ServingEntry(model: "\(name)-lr", version: 3, role: .primary)]))
    }

    static func options(control: ControlOptions = ControlOptions(unavailable: "no control channel"), fps: Int = 10) throws -> DashboardOptions {
        var options = DashboardOptions(settings: EngineSettings(), keymap: try Keymap(), themes: [.defaultDark], theme: .defaultDark,
                                       fps: fps, timeRange: .oneMinute, readOnly: false, source: "replay test.ndjson", control: control)
        options.newCommandID = { "cmd-1" }
        return options
    }

    /// What the screen showed at chosen moments of a script, read on the loop's thread.
    final class Screens: @unchecked Sendable {
        let backend: TestBackend
        private(set) var shown: [String] = []
        init(_ backend: TestBackend) { self.backend = backend }
        /// The screen once the frame after the previous step is drawn (frames are at most 100 ms apart).
        func take() -> ScriptedInput.Step { .run(afterMs: 200) { self.shown.append(self.backend.lines.joined(separator: "\n")) } }
    }

    @Test func keysMoveDrillInAndAResizeRedrawsAtTheNewSize() throws {
        let clock = ManualWallClock(nowMs: Self.t0 + 10_000)
        let backend = TestBackend(columns: 120, rows: 30)
        let screens = Screens(backend)
        let input = ScriptedInput([
            screens.take(),
            .key("j", afterMs: 200), .key("enter"), screens.take(),
            .resize(columns: 80, rows: 24, afterMs: 200), screens.take(),
            .key("q", afterMs: 200),
        ], clock: clock, backend: backend)
        let app = DashboardApp(store: Self.store(), options: try Self.options(), clock: clock) { ("replay finished", .ok) }
        #expect(app.run(on: backend, input: input, colors: 256) == .quit)
        let shown = screens.shown
        try #require(shown.count == 3)
        #expect(shown[0].contains("Pipelines (3)") && shown[0].contains("churn") && shown[0].contains("replay finished"))
        #expect(shown[1].contains("ctr") && !shown[1].contains("Pipelines (3)"), "enter on the second row opens ctr")
        #expect(shown[2].split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) == 80 })
        #expect(backend.clearCount >= 2, "a resize clears and draws the whole frame")
    }

    /// With room for one version's live windows, pipeline `b`'s waits behind `a`'s until the
    /// operator opens `b`: the version on screen takes the windows with its next record.
    @Test func theVersionsOnScreenAreFollowedFirst() throws {
        let clock = ManualWallClock(nowMs: Self.t0 + 10_000)
        let backend = TestBackend(columns: 140, rows: 30)
        let screens = Screens(backend)
        var settings = EngineSettings()
        settings.limits.maxTrackedVersions = 1
        let store = PipelineStore(settings: settings, basis: .eventTime, clock: clock)
        let scored: @Sendable (Int64) -> Void = { at in
            for name in ["a", "b"] {
                store.ingest(.scored(ScoredEvent(pipeline: name, tsMs: Self.t0 + at, key: "k\(at)", model: "\(name)-lr", version: 1, score: 0.5)),
                             source: "scored")
            }
        }
        for name in ["a", "b"] {
            store.ingest(.model(ModelEvent(pipeline: name, tsMs: Self.t0, model: "\(name)-lr", version: 1, event: .promoted)), source: "models")
        }
        for at in Int64(1)...3 { scored(at * 100) }
        let input = ScriptedInput([
            .key("G", afterMs: 200), .key("enter"), .key("2"), screens.take(),
            .run(afterMs: 200) { scored(400) }, screens.take(),
            .key("q", afterMs: 200),
        ], clock: clock, backend: backend)
        DashboardApp(store: store, options: try Self.options(), clock: clock) { ("replay finished", .ok) }
            .run(on: backend, input: input, colors: 256)
        try #require(screens.shown.count == 2)
        let before = try #require(screens.shown[0].split(separator: "\n").first { $0.contains("b-lr") && $0.contains("serving") }, "\(screens.shown[0])")
        #expect(before.contains("waiting"), "\(before)")
        let after = try #require(screens.shown[1].split(separator: "\n").first { $0.contains("b-lr") && $0.contains("serving") }, "\(screens.shown[1])")
        #expect(!after.contains("waiting") && after.contains(" 1 "), "b's version counts its first record with windows: \(after)")
        let a = store.snapshot().pipeline(named: "a")
        #expect(a?.stats(for: VersionKey(model: "a-lr", version: 1))?.live == false, "a's gave its windows up, b being on screen")
    }

    @Test func anIdleDashboardDrawsOnlyWhenTheClockTicks() throws {
        let clock = ManualWallClock(nowMs: Self.t0 + 10_000)
        let backend = TestBackend(columns: 120, rows: 30)
        let input = ScriptedInput([.key("j", afterMs: 60_000)], clock: clock)
        let app = DashboardApp(store: Self.store(), options: try Self.options(fps: 30), clock: clock) { ("replay finished", .ok) }
        app.run(on: backend, input: input, colors: 256)
        // A minute of nothing: about one frame a second for the header clock, and the loop
        // wakes about twice a second, not 30 times.
        #expect((55...70).contains(backend.flushCount), "\(backend.flushCount) frames")
        #expect(input.reads <= 150, "\(input.reads) wakeups")
    }

    @Test func pausingFreezesTheScreenWhileDataKeepsArriving() throws {
        let clock = ManualWallClock(nowMs: Self.t0 + 10_000)
        let backend = TestBackend(columns: 120, rows: 30)
        let screens = Screens(backend)
        let store = Self.store()
        let more: @Sendable () -> Void = {
            store.ingest(.model(ModelEvent(pipeline: "zeta", tsMs: Self.t0 + 11_000, model: "z", version: 1, event: .promoted)), source: "models")
        }
        let input = ScriptedInput([
            .key("space", afterMs: 200), .run(afterMs: 200, more), screens.take(),
            .key("space", afterMs: 2_000), screens.take(),
        ], clock: clock, backend: backend)
        DashboardApp(store: store, options: try Self.options(), clock: clock) { ("replay finished", .ok) }
            .run(on: backend, input: input, colors: 256)
        #expect(screens.shown[0].contains("PAUSED") && screens.shown[0].contains("Pipelines (3)"))
        #expect(!screens.shown[1].contains("PAUSED") && screens.shown[1].contains("Pipelines (4)") && screens.shown[1].contains("zeta"))
    }

    @Test func theHeaderFollowsTheSourceUntilTheReplayFinishes() throws {
        let clock = ManualWallClock(nowMs: Self.t0 + 10_000)
        let backend = TestBackend(columns: 120, rows: 30)
        let screens = Screens(backend)
        let finished = Atomic<Bool>(false)
        let input = ScriptedInput([
            .run(afterMs: 500) {}, screens.take(),
            .run { finished.store(true, ordering: .relaxed) }, .run(afterMs: 1_100) {}, screens.take(),
        ], clock: clock, backend: backend)
        DashboardApp(store: Self.store(), options: try Self.options(), clock: clock) {
            finished.load(ordering: .relaxed) ? ("replay finished", .ok) : ("replaying 50%", .warn)
        }.run(on: backend, input: input, colors: 256)
        #expect(screens.shown[0].contains("replaying 50%"))
        #expect(screens.shown[1].contains("replay finished"), "within a second")
    }

    /// A control channel that hands each command to the test.
    final class Sink: ControlSink, @unchecked Sendable {
        let report: DeliveryReport
        private let sent = Mutex<[ControlCommand]>([])
        init(_ report: DeliveryReport) { self.report = report }
        var commands: [ControlCommand] { sent.withLock { $0 } }
        func send(_ command: ControlCommand, route: ControlRoute, delivered: @escaping @Sendable (DeliveryReport) -> Void) {
            sent.withLock { $0.append(command) }
            delivered(report)
        }
    }

    final class Audit: @unchecked Sendable {
        private let entries = Mutex<[AuditEntry]>([])
        var all: [AuditEntry] { entries.withLock { $0 } }
        func append(_ e: AuditEntry) { entries.withLock { $0.append(e) } }
    }

    @Test func aPromotionIsSentAuditedAndAppliedWhenTheAckArrives() throws {
        let clock = ManualWallClock(nowMs: Self.t0 + 10_000)
        let backend = TestBackend(columns: 120, rows: 30)
        let screens = Screens(backend)
        let store = Self.store()
        let sink = Sink(.delivered)
        let audit = Audit()
        let ack: @Sendable () -> Void = {
            store.ingest(.ack(Ack(pipeline: "churn", tsMs: Self.t0 + 12_000, id: "cmd-1", status: .applied)), source: "acks")
        }
        let input = ScriptedInput([
            .key("p", afterMs: 200), screens.take(), .key("y", afterMs: 200), screens.take(),
            .run(afterMs: 1_000, ack), .run(afterMs: 1_100) {}, screens.take(),
        ], clock: clock, backend: backend)
        DashboardApp(store: store, options: try Self.options(control: ControlOptions(requester: "ana@ops")), clock: clock,
                     controlSink: sink, audit: { audit.append($0) }) { ("connected", .ok) }
            .run(on: backend, input: input, colors: 256)
        #expect(screens.shown[0].contains("Promote churn-lr"), "p opens the dialog for the selected pipeline")
        #expect(sink.commands.map(\.id) == ["cmd-1"] && sink.commands.first?.version == 4)
        #expect(screens.shown[1].contains("1 PENDING"))
        #expect(screens.shown[2].contains("applied") && !screens.shown[2].contains("PENDING"))
        #expect(audit.all.map(\.outcome) == ["sent", "applied"])
    }

    @Test func aCommandTheTransportCouldNotDeliverSaysSo() throws {
        let clock = ManualWallClock(nowMs: Self.t0 + 10_000)
        let backend = TestBackend(columns: 160, rows: 30)
        let screens = Screens(backend)
        let audit = Audit()
        let input = ScriptedInput([.key("p", afterMs: 200), .key("y", afterMs: 200), .run(afterMs: 500) {}, screens.take()],
                                  clock: clock, backend: backend)
        DashboardApp(store: Self.store(), options: try Self.options(control: ControlOptions(requester: "ana@ops")), clock: clock,
                     controlSink: Sink(.failed("broker down")), audit: { audit.append($0) }) { ("connected", .ok) }
            .run(on: backend, input: input, colors: 256)
        #expect(screens.shown[0].contains("broker down"), "\(screens.shown[0])")
        #expect(audit.all.map(\.outcome) == ["sent", "delivery_failed"] && audit.all.last?.detail == "broker down")
    }

    /// A tail that records where it was asked to start, and reads nothing.
    final class Feeds: @unchecked Sendable {
        final class Feed: TopicTailFeed, @unchecked Sendable {
            let snapshot: TopicTailSnapshot
            init(_ topic: String, _ format: ValueFormat, _ start: StartPosition) { snapshot = TopicTailSnapshot(topic: topic, format: format, start: start) }
            func observe(_ observer: (@Sendable (TopicRecord) -> Void)?) {}
            func stop() {}
        }
        private let started = Mutex<[StartPosition]>([])
        private let asked = Mutex(0)
        var starts: [StartPosition] { started.withLock { $0 } }
        var topicSamplesAsked: Int { asked.withLock { $0 } }
        func start(_ topic: String, _ format: ValueFormat, _ start: StartPosition) -> any TopicTailFeed {
            started.withLock { $0.append(start) }
            return Feed(topic, format, start)
        }
        func topics() -> TopicsSnapshot {
            asked.withLock { $0 += 1 }
            return TopicsScreenTests.topics
        }
    }

    /// From the Topics screen to a topic's tail, then `:from group:` completed with `tab`
    /// to a group reading it (from the screen's last sample, without sampling again): the
    /// reader starts again where that group stands.
    @Test func aTopicsTailStartsAgainWhereACompletedGroupStands() throws {
        let clock = ManualWallClock(nowMs: Self.t0 + 10_000)
        let backend = TestBackend(columns: 120, rows: 30)
        let feeds = Feeds()
        let askedOnTopics = Mutex(0)
        let input = ScriptedInput([
            // Sources are read each new second: the Topics screen's sample arrives within one.
            .key("6", afterMs: 200), .key("enter", afterMs: 1_100), .run { askedOnTopics.withLock { $0 = feeds.topicSamplesAsked } },
            .key(":", afterMs: 2_100)] + ScriptedInput.Step.type("from group:s") + [.key("tab"), .key("enter"), .run(afterMs: 300) {}],
            clock: clock, backend: backend)
        DashboardApp(store: Self.store(), options: try Self.options(), clock: clock, topics: { _ in feeds.topics() },
                     topicTail: { feeds.start($0, $1, $2) }) { ("connected", .ok) }.run(on: backend, input: input, colors: 256)
        #expect(feeds.starts == [TopicTailSnapshot.defaultStart, .committed(group: "scorers")], "\(feeds.starts)")
        #expect(feeds.topicSamplesAsked == askedOnTopics.withLock { $0 }, "the tail asks for no topic samples")
    }
}
