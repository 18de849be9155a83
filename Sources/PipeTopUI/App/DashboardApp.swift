import Foundation
import PipeTopCore

/// The dashboard's runtime, thin as bubbletea's: reads input and the sources, turns each into
/// a `Message` for `Update`, performs the effects `Update` returns (their results come back
/// as messages), and draws the state at most `fps` times a second, only when it changed.
///
/// It is given its terminal and its clock, so tests run the real loop on a `TestBackend` with
/// a `ScriptedInput` on manual time.
public final class DashboardApp {
    private let store: PipelineStore
    private let options: DashboardOptions
    private let connection: @Sendable () -> (text: String, role: ThemeRole)
    private let clock: any WallClock
    private let controlSink: (any ControlSink)?
    private let audit: @Sendable (AuditEntry) -> Void
    /// The cluster's topics for the Topics screen, asked only while it is shown (nil: the
    /// source has no cluster, and the screen says so).
    private let topics: (@Sendable (_ describing: String?) -> TopicsSnapshot?)?
    /// Starts a tail of a topic (the Topics screen's `enter`); nil: the source has no cluster.
    private let topicTail: (@Sendable (String, ValueFormat, StartPosition) -> any TopicTailFeed)?
    /// What the source reads of the scored topics (nil: all of them, as a demo or a replay does).
    private let scoredCoverage: (@Sendable () -> ScoredCoverageMap)?
    /// Messages from other threads (the transport's delivery reports), taken by the loop.
    private let inbox = MessageInbox()

    /// What the effects started and the loop reads from: the running capture (`W`), the Tail
    /// screen's own view of the scored records, the running topic tail.
    private var capture: RecordCapture?
    /// The capture takes the topic tail's messages (it ends with that reader), not scored records.
    private var capturesTopic = false
    private var recordsView: FilteredTail?
    private var topicFeed: (any TopicTailFeed)?

    /// How long nothing must change before the loop wakes less often, and how long it then sleeps at most.
    static let idleAfterMs: Int64 = 2_000
    static let idleWaitMs: Int64 = 500

    /// `controlSink` carries commands (nil: none can be sent); `audit` appends an entry to the
    /// audit log, for every command sent and for every outcome; `topics` measures the
    /// cluster's topics (a `KafkaTopicsProbe`'s `latest`); `topicTail` starts a reader of one
    /// topic that decodes its values (a `KafkaTopicTail`); `scoredCoverage` says how much of the
    /// scored topics the source reads; `connection` says how the source is.
    public init(store: PipelineStore, options: DashboardOptions, clock: any WallClock = SystemWallClock(),
                controlSink: (any ControlSink)? = nil, audit: @escaping @Sendable (AuditEntry) -> Void = { _ in },
                topics: (@Sendable (_ describing: String?) -> TopicsSnapshot?)? = nil,
                topicTail: (@Sendable (String, ValueFormat, StartPosition) -> any TopicTailFeed)? = nil,
                scoredCoverage: (@Sendable () -> ScoredCoverageMap)? = nil,
                connection: @escaping @Sendable () -> (text: String, role: ThemeRole)) {
        var options = options
        if topics != nil { options.topicsUnavailable = nil }
        self.topics = topics
        self.topicTail = topicTail
        self.scoredCoverage = scoredCoverage
        self.store = store
        self.options = options
        self.clock = clock
        self.controlSink = controlSink
        self.audit = audit
        self.connection = connection
    }

    /// How a run ended.
    public enum Exit: Sendable, Hashable {
        case quit
        /// The operator asked for another context; the caller reconnects and runs again.
        case switchContext(String)
    }

    /// Runs on the terminal until the operator quits or switches context; the terminal is
    /// restored on every way out.
    @discardableResult
    public func run() throws(NcursesError) -> Exit {
        let backend = NcursesBackend()
        try backend.start()
        TerminalGuard.enteredProgramMode()
        defer { backend.stop() }
        return run(on: backend, input: InputReader(backend: backend), colors: backend.colors)
    }

    /// Runs on `backend`, reading `input`, until the operator quits or switches context.
    /// `colors`: how many the terminal shows (themes are degraded to them).
    @discardableResult
    public func run(on backend: any Backend, input: any InputSource, colors: Int) -> Exit {
        defer { release() }
        let terminal = Terminal(backend: backend)
        var state = options.initialState(size: backend.size, colors: colors, nowMs: clock.nowMs())
        dispatch(.data(read(state)), &state)
        let frameMs = Int64(1000 / max(1, min(60, options.fps)))
        var seenEvents = store.totalEvents
        var lastFrameMs: Int64 = 0
        var lastSecond = Int64.min
        var dirty = true
        var lastChangeMs: Int64 = 0
        while !state.quit {
            let now = clock.nowMs()
            // Sleep in the input read until the next frame is due, so idle costs nothing. Once
            // nothing has changed for a while, until the next second (the clock, staleness) or
            // half a second, whichever comes first: a key still wakes it at once.
            let idle = now - lastChangeMs > Self.idleAfterMs
            let wait = dirty ? max(0, frameMs - (now - lastFrameMs)) : idle ? max(frameMs, min(Self.idleWaitMs, 1_000 - now % 1_000)) : frameMs
            if let event = input.next(timeoutMs: Int(min(wait, 1_000))) {
                lastChangeMs = clock.nowMs()
                if case .resize = event { terminal.invalidate() }
                dispatch(.input(event), &state)
                dirty = true
                continue
            }
            for message in inbox.take() {
                dispatch(message, &state)
                dirty = true
            }
            let t = clock.nowMs()
            guard t - lastFrameMs >= frameMs else { continue }
            // New data, a new read of a topic's tail, or a new second on the clock (staleness,
            // the header clock, what arrived while the display is paused). Events that arrive
            // while it is paused are new when it resumes.
            let events = store.totalEvents
            let newSecond = t / 1000 != lastSecond
            let fresh = !state.paused && (events != seenEvents || topicTailMoved(state))
            if fresh || newSecond {
                dispatch(.data(read(state)), &state)
                if !state.paused {
                    if events != seenEvents { lastChangeMs = t }
                    seenEvents = events
                }
                dirty = true
            }
            // After the reading, so a command is decided in the frame that shows its ack.
            let commandsBefore = state.commands.pending.count
            dispatch(.tick(nowMs: t), &state)
            if state.commands.pending.count != commandsBefore { dirty = true }
            if newSecond {
                lastSecond = t / 1000
                dirty = true
                capture?.flush()
            }
            guard dirty else { continue }
            let view = options.view(state)
            terminal.draw { buffer in Dashboard.render(state, view, into: &buffer) }
            lastFrameMs = t
            dirty = false
        }
        return state.switchTo.map(Exit.switchContext) ?? .quit
    }

    /// Hands `message` to `update` and performs what it asks for, feeding results back.
    private func dispatch(_ message: Message, _ state: inout AppState) {
        var pending = [message]
        while !pending.isEmpty {
            for effect in Update.update(pending.removeFirst(), &state, options) {
                if let result = perform(effect, state) { pending.append(result) }
            }
        }
        store.focus(on: state.pipelineOnScreen)
    }

    /// Reads the sources for the screens. A paused display keeps its snapshot (`update`
    /// would drop a new one), so none is taken.
    private func read(_ state: AppState) -> ScreenData {
        var data = state.data
        if !state.paused {
            let status = connection()
            data = ScreenData(snapshot: store.snapshot(), connection: status.text, connectionRole: status.role)
            data.tailView = recordsView?.newest()
            data.topicTail = topicFeed?.snapshot
            data.scoredCoverage = scoredCoverage?() ?? ScoredCoverageMap()
        }
        data.liveScoredTotal = store.scoredTotal
        data.capture = capture?.progress
        // The topic open with `d` has its configuration read too; the Groups screen reads the
        // same samples. A topic's tail keeps the last sample (without asking for more) for
        // `:from group:` to complete its groups.
        data.topics = state.screen == .topics ? topics?(TopicsScreen.describedTopic(options.view(state), state))
            : state.screen == .groups ? topics?(nil)
            : state.tailTopic != nil ? state.data.topics : nil
        return data
    }

    /// Carries out what `update` asked for beyond the state: sending and auditing commands,
    /// writing files, starting and stopping readers. Returns what it came to, if anything.
    private func perform(_ effect: Effect, _ state: AppState) -> Message? {
        switch effect {
        case .send(let command, let route):
            audit(AuditEntry(command, outcome: .pending, atMs: clock.nowMs()))
            guard let controlSink else { return .delivered(id: command.id, .failed("no control channel")) }
            controlSink.send(command, route: route) { [inbox] report in
                inbox.post(.delivered(id: command.id, report))
            }
        case .record(let tracked):
            audit(AuditEntry(tracked.command, outcome: tracked.outcome, atMs: tracked.resolvedAtMs ?? clock.nowMs()))
        case .audit(let entry):
            audit(entry)
        case .writeRecords(let path, let records):
            return RecordFile.write(records, to: path).map { .said($0, .critical) }
        case .writeMessages(let path, let topic, let records):
            return RecordFile.write(records, of: topic, to: path).map { .said($0, .critical) }
        case .startCapture(let path, let filter, let pipeline):
            _ = stopCapture()
            do {
                let started = try RecordCapture(path: path, filter: filter, pipeline: pipeline)
                capture = started
                // A topic's tail hands its reader's messages over; else the store its scored records.
                if let topic = state.tailTopic, let feed = topicFeed {
                    feed.observe { record in started.observe(record, topic: topic) }
                    capturesTopic = true
                    return .said("capturing every message" + (filter.map { " matching \($0.text)" } ?? "") + " to \(path); W stops", .ok)
                }
                store.addScoredObserver(started)
                return .said("capturing every record" + (filter.map { " matching \($0.text)" } ?? "") + " to \(path); W stops", .ok)
            } catch {
                return .said(error.description, .critical)
            }
        case .stopCapture:
            return stopCapture()
        case .watchRecords(let watch):
            watchRecords(watch, seed: state.data.snapshot.recentScored)
            return .data(read(state))
        case .tailTopic(let topic, let format, let start):
            let ended = stopTopicTail()
            guard let topicTail else { return .said("tailing \(topic) needs a Kafka source", .warn) }
            topicFeed = topicTail(topic, format, start)
            let from = start == TopicTailSnapshot.defaultStart ? "" : " from \(start)"
            return ended ?? .said("tailing \(topic) (\(format.rawValue))\(from) · / filters · enter opens a message · :from, :format, :columns · esc goes back", .ok)
        case .stopTopicTail:
            return stopTopicTail()
        }
        return nil
    }

    /// Follows the records `watch` selects in a view of their own, seeded from the latest the
    /// store kept (newest first); none while the watch is inactive.
    private func watchRecords(_ watch: RecordsWatch, seed: [ScoredEvent]) {
        if let current = recordsView {
            store.removeScoredObserver(current)
            recordsView = nil
        }
        guard watch.isActive else { return }
        let view = FilteredTail(filter: watch.filter, pipeline: watch.pipeline, limits: options.settings.limits, seed: seed.reversed())
        store.addScoredObserver(view)
        recordsView = view
    }

    /// Whether the topic's tail read something (or failed) since the screen last showed it.
    private func topicTailMoved(_ state: AppState) -> Bool {
        guard !state.paused, let read = topicFeed?.snapshot else { return false }
        return read.total != state.data.topicTail?.total || read.failure != state.data.topicTail?.failure
    }

    /// Stops the topic's reader; a capture of its messages ends with it (what became of that).
    @discardableResult
    private func stopTopicTail() -> Message? {
        let ended = capturesTopic ? stopCapture() : nil
        topicFeed?.stop()
        topicFeed = nil
        return ended
    }

    /// Ends the capture, if one runs: no record reaches it any more, then the file is closed.
    /// Returns what became of it.
    private func stopCapture() -> Message? {
        guard let running = capture else { return nil }
        store.removeScoredObserver(running)
        if capturesTopic { topicFeed?.observe(nil) }
        let noun = capturesTopic ? "messages" : "records"
        capturesTopic = false
        capture = nil
        let progress = running.finish()
        if let error = progress.error {
            return .said("capture to \(progress.path) failed after \(progress.written) \(noun): \(error)", .critical)
        }
        if progress.dropped > 0 {
            return .said("captured \(progress.written) \(noun) to \(progress.path); \(progress.dropped) more matched but were not written: the disk did not keep up", .warn)
        }
        return .said("captured \(progress.written) \(noun) to \(progress.path)", .ok)
    }

    /// Stops whatever the run started: the capture is closed (its file complete), readers stop.
    private func release() {
        _ = stopCapture()
        watchRecords(.none, seed: [])
        stopTopicTail()
    }
}
