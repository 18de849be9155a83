import Foundation
import PipeTopCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The dashboard's loop: reads input, updates the state, takes a snapshot of the store and
/// draws, at most `fps` times a second and only when something changed (bubbletea's runtime).
public final class DashboardApp {
    /// Everything the loop needs that is not the store.
    public struct Options: Sendable {
        public var settings: EngineSettings
        public var keymap: Keymap
        public var themes: [Theme]
        public var theme: Theme
        public var fps: Int
        public var timeRange: TimeRange
        public var readOnly: Bool
        /// Where events come from, for the header.
        public var source: String
        /// Whether and how the operator can act on pipelines.
        public var control: ControlOptions
        /// The selected context, for the header (nil: none selected).
        public var contextName: String? = nil
        /// The contexts `:context` can switch to (empty: switching is not offered).
        public var contexts: [String] = []
        /// The selected context is protected: the header shows it in the critical colour.
        public var contextProtected = false
        /// The Tail screen's columns at start (`[ui] tail_columns`).
        public var tailColumns = ScoredColumn.tailDefaults
        /// Pipelines read through their own topics (`[[pipelines]]`), shown as mapped.
        public var mapped: [PipelineConfig] = []

        public init(settings: EngineSettings, keymap: Keymap, themes: [Theme], theme: Theme, fps: Int,
                    timeRange: TimeRange, readOnly: Bool, source: String,
                    control: ControlOptions = ControlOptions(unavailable: "no control channel")) {
            self.control = control
            self.settings = settings
            self.keymap = keymap
            self.themes = themes
            self.theme = theme
            self.fps = fps
            self.timeRange = timeRange
            self.readOnly = readOnly
            self.source = source
        }
    }

    private let store: PipelineStore
    private let options: Options
    private let mappedByName: [String: PipelineConfig]
    private let connection: @Sendable () -> (text: String, role: ThemeRole)
    private let clock: any WallClock
    private let controlSink: (any ControlSink)?
    private let audit: @Sendable (AuditEntry) -> Void
    /// The cluster's topics for the Topics screen, asked only while it is shown (nil: the
    /// source has no cluster, and the screen says so).
    private let topics: (@Sendable () -> TopicsSnapshot?)?
    /// Starts a tail of a topic (the Topics screen's `enter`); nil: the source has no cluster.
    private let topicTail: (@Sendable (String, ValueFormat) -> any TopicTailFeed)?
    /// The running topic tail, and what it had read at the last frame (kept while paused).
    private var topicFeed: (any TopicTailFeed)?
    private var topicTailShown: TopicTailSnapshot?
    /// Commands the transport failed to deliver, by id (delivery reports arrive on its threads).
    private let deliveries = DeliveryReports()
    /// The Tail screen's capture of every matching record (`W`), while one runs.
    private var capture: ScoredCapture?
    /// The Tail screen's own records while it shows one pipeline or a filter, and the
    /// records last read from it (kept while the display is paused).
    private var tailView: FilteredTail?
    private var tailViewRecords: (records: [ScoredEvent], sampling: TailSampling)?

    /// `controlSink` carries commands (nil: none can be sent); `audit` appends an entry to the
    /// audit log, for every command sent and for every outcome; `topics` measures the
    /// cluster's topics (a `KafkaTopicsProbe`'s `latest`); `topicTail` starts a reader of one
    /// topic that decodes its values (a `KafkaTopicTail`).
    public init(store: PipelineStore, options: Options, clock: any WallClock = SystemWallClock(),
                controlSink: (any ControlSink)? = nil, audit: @escaping @Sendable (AuditEntry) -> Void = { _ in },
                topics: (@Sendable () -> TopicsSnapshot?)? = nil,
                topicTail: (@Sendable (String, ValueFormat) -> any TopicTailFeed)? = nil,
                connection: @escaping @Sendable () -> (text: String, role: ThemeRole)) {
        self.topics = topics
        self.topicTail = topicTail
        self.store = store
        self.options = options
        mappedByName = Dictionary(options.mapped.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
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

    /// How long nothing must change before the loop wakes less often, and how long it then sleeps at most.
    static let idleAfterMs: Int64 = 2_000
    static let idleWaitMs: Int64 = 500

    /// Runs until the operator quits or switches context; the terminal is restored on every way out.
    @discardableResult
    public func run() throws(NcursesError) -> Exit {
        var exit = Exit.quit
        let backend = NcursesBackend()
        try backend.start()
        TerminalGuard.enteredProgramMode()
        defer {
            backend.stop()
            stopCapture()
            syncTailView(nil, snapshot: nil)
            perform(.stopTopicTail)
        }
        let terminal = Terminal(backend: backend)
        let input = InputReader(backend: backend)
        var state = AppState(timeRange: options.timeRange, themes: options.themes.map(\.name), theme: options.theme.name,
                             readOnly: options.readOnly)
        state.size = backend.size
        state.tailColumns = options.tailColumns
        var theme = options.theme.degraded(colors: backend.colors)
        let frameMs = Int64(1000 / max(1, min(60, options.fps)))
        // The source's status is read before each snapshot, so the header never says a replay
        // finished while the data on screen is older than its end.
        var status = connection()
        var snapshot = store.snapshot()
        var seenEvents = snapshot.totalEvents
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
                let ctx = context(snapshot, status, theme, clock.nowMs(), screen: state.screen)
                let effects = Update.apply(event, to: &state, keymap: options.keymap,
                                           context: AppContext(rowIDs: Dashboard.rowIDs(state, ctx), pipelines: snapshot.pipelines.map(\.name),
                                                               nowMs: clock.nowMs(), pageRows: max(1, state.size.rows - 6),
                                                               snapshot: snapshot, control: options.control,
                                                               commandID: UUID().uuidString.lowercased(),
                                                               tailRecords: state.screen == .tail ? TailScreen.records(ctx, state) : [],
                                                               contexts: options.contexts, currentContext: options.contextName,
                                                               capturing: capture != nil))
                for effect in effects {
                    if effect == .applyTheme, let t = options.themes.first(where: { $0.name == state.themeName }) {
                        theme = t.degraded(colors: backend.colors)
                    }
                    if case .switchContext(let name) = effect {
                        exit = .switchContext(name)
                        state.quit = true
                    }
                    if let said = perform(effect) { state.flash = Flash(said.text, role: said.role, untilMs: clock.nowMs() + Update.flashMs) }
                }
                syncTailView(state, snapshot: snapshot)
                dirty = true
                continue
            }
            let t = clock.nowMs()
            guard t - lastFrameMs >= frameMs else { continue }
            Update.tick(&state, nowMs: t)
            // New data, a new second on the clock (staleness, the header clock) or a state change.
            let events = store.totalEvents
            if !state.paused && (events != seenEvents || t / 1000 != lastSecond) {
                status = connection()
                snapshot = store.snapshot()
                if let tailView { tailViewRecords = tailView.newest() }
                if events != seenEvents { lastChangeMs = t }
                seenEvents = events
                dirty = true
            }
            if !state.paused, let feed = topicFeed {
                let read = feed.snapshot
                if read.total != topicTailShown?.total || read.failure != topicTailShown?.failure {
                    topicTailShown = read
                    dirty = true
                }
            }
            if t / 1000 != lastSecond {
                lastSecond = t / 1000
                dirty = true
                capture?.flush()
            }
            Update.expireMarks(&state, active: snapshot.alerts, nowMs: t)
            let decided = Update.observe(
                &state, timeline: snapshot.timeline, deliveries: deliveries.all,
                serving: snapshot.serving,
                nowMs: t, timeoutMs: options.control.ackTimeoutMs)
            if !decided.isEmpty {
                for effect in decided { perform(effect) }
                dirty = true
            }
            guard dirty else { continue }
            let ctx = context(snapshot, status, theme, t, screen: state.screen)
            _ = terminal.draw { buffer in Dashboard.render(&state, ctx, into: &buffer) }
            lastFrameMs = t
            dirty = false
        }
        return exit
    }

    /// Carries out what `update` asked for beyond the state: sending and auditing commands,
    /// writing files. Returns what to tell the operator, if anything (an error is critical).
    @discardableResult
    private func perform(_ effect: Effect) -> (text: String, role: ThemeRole)? {
        switch effect {
        case .send(let command, let route):
            audit(AuditEntry(command, outcome: .pending, atMs: clock.nowMs()))
            guard let controlSink else {
                deliveries.record(command.id, .failed("no control channel"))
                return nil
            }
            controlSink.send(command, route: route) { [deliveries] report in deliveries.record(command.id, report) }
        case .record(let tracked):
            audit(AuditEntry(tracked.command, outcome: tracked.outcome, atMs: tracked.resolvedAtMs ?? clock.nowMs()))
        case .audit(let entry):
            audit(entry)
        case .writeRecords(let path, let records):
            return RecordFile.write(records, to: path).map { ($0, .critical) }
        case .startCapture(let path, let filter, let pipeline):
            stopCapture()
            do {
                let started = try ScoredCapture(path: path, filter: filter, pipeline: pipeline)
                capture = started
                store.addScoredObserver(started)
                return ("capturing every record" + (filter.map { " matching \($0.text)" } ?? "") + " to \(path); W stops", .ok)
            } catch {
                return (error.description, .critical)
            }
        case .stopCapture:
            return stopCapture()
        case .tailTopic(let topic, let format):
            perform(.stopTopicTail)
            guard let topicTail else { return ("tailing \(topic) needs a Kafka source", .warn) }
            let feed = topicTail(topic, format)
            topicFeed = feed
            topicTailShown = feed.snapshot
            return ("tailing \(topic) (\(format.rawValue)) · / filters · enter opens a message · esc goes back", .ok)
        case .stopTopicTail:
            topicFeed?.stop()
            topicFeed = nil
            topicTailShown = nil
        case .quit, .applyTheme, .switchContext:
            break
        }
        return nil
    }

    /// Keeps the Tail screen's filtered view in step with what the screen shows: one while it
    /// shows a pipeline or a filter (a new one, seeded from the snapshot, when either changes),
    /// none otherwise (nil state: none at all).
    private func syncTailView(_ state: AppState?, snapshot: StoreSnapshot?) {
        let wanted = state.flatMap { $0.screen == .tail && $0.tailTopic == nil && ($0.tailFilter != nil || $0.pipeline != nil) ? ($0.tailFilter, $0.pipeline) : nil }
        if let current = tailView, let wanted, current.filter == wanted.0, current.pipeline == wanted.1 { return }
        if let current = tailView {
            store.removeScoredObserver(current)
            tailView = nil
            tailViewRecords = nil
        }
        guard let wanted else { return }
        let view = FilteredTail(filter: wanted.0, pipeline: wanted.1, limits: options.settings.limits,
                                seed: (snapshot?.recentScored ?? []).reversed())
        store.addScoredObserver(view)
        tailView = view
        tailViewRecords = view.newest()
    }

    /// Ends the capture, if one runs: no record reaches it any more, then the file is closed.
    /// Returns what became of it.
    @discardableResult
    private func stopCapture() -> (text: String, role: ThemeRole)? {
        guard let running = capture else { return nil }
        store.removeScoredObserver(running)
        capture = nil
        let progress = running.finish()
        if let error = progress.error {
            return ("capture to \(progress.path) failed after \(progress.written) records: \(error)", .critical)
        }
        if progress.dropped > 0 {
            return ("captured \(progress.written) records to \(progress.path); \(progress.dropped) more matched but were not written: the disk did not keep up", .warn)
        }
        return ("captured \(progress.written) records to \(progress.path)", .ok)
    }

    private func context(_ snapshot: StoreSnapshot, _ c: (text: String, role: ThemeRole), _ theme: Theme, _ now: Int64,
                         screen: Screen) -> ViewContext {
        var ctx = ViewContext(snapshot: snapshot, theme: theme, keymap: options.keymap, settings: options.settings,
                              source: options.source, connection: c.text, connectionRole: c.role, nowMs: now)
        ctx.liveScoredTotal = store.scoredTotal
        ctx.contextName = options.contextName
        ctx.contextProtected = options.contextProtected
        ctx.mapped = mappedByName
        ctx.capture = capture?.progress
        ctx.tailView = tailViewRecords
        ctx.topicTail = topicTailShown
        if let topics {
            ctx.topicsUnavailable = nil
            if screen == .topics { ctx.topics = topics() }
        }
        return ctx
    }
}

/// Delivery reports by command id, from a transport's threads, read by the loop once per
/// frame. Bounded: a command is decided long before a thousand more are sent.
private final class DeliveryReports: Sendable {
    private let reports = Mutex<[String: DeliveryReport]>([:])
    private static let keep = 1_000

    var all: [String: DeliveryReport] { reports.withLock { $0 } }

    func record(_ id: String, _ report: DeliveryReport) {
        reports.withLock {
            if $0.count >= Self.keep { $0.removeAll() }
            $0[id] = report
        }
    }
}
