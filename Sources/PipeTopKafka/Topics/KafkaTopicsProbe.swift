import Dispatch
import Foundation
import PipeTopCore
import Synchronization

/// Samples a cluster's topics on a thread of its own every `interval` and publishes the latest
/// `TopicsSnapshot` (the Topics screen's data). It never touches the dashboard's consumer
/// thread, so a slow cluster slows this screen's numbers, never ingestion.
///
/// It samples only while asked: the thread starts on the first `latest()` and pauses when
/// nobody has asked for `idleAfter` (the screen is not shown), so a dashboard that never opens
/// the Topics screen sends no requests for it.
public final class KafkaTopicsProbe: Sendable {
    private let config: KafkaClientConfig
    private let interval: Duration
    private let groups: [String]
    private let idleAfterMs: Int64
    private let log: KafkaLog
    private struct State {
        var started = false
        var stopped = false
        var lastAskedMs: Int64 = 0
        var snapshot: TopicsSnapshot?
        var done: DispatchSemaphore?
        /// The topic being described, whose configuration each sample reads too.
        var describing: String?
        /// Samples taken (for tests).
        var samples = 0
    }
    private let state = Mutex(State())
    /// The least time between two samples, however often the wait is cut short.
    static let minimumGapMs: Int64 = 300
    /// Signalled to end the wait between samples early (`stop`, a first ask after idling, a
    /// new topic to describe).
    private let wake = DispatchSemaphore(value: 0)

    /// `groups`: groups whose offsets each sample reads whether the cluster lists them or not.
    public init(config: KafkaClientConfig, interval: Duration = .seconds(2), idleAfter: Duration = .seconds(10), groups: [String] = [],
                log: KafkaLog? = nil) {
        self.config = config
        self.groups = Array(Set(groups)).sorted()
        self.interval = interval
        idleAfterMs = max(interval.milliseconds * 2, idleAfter.milliseconds)
        self.log = log ?? KafkaLog(filePath: config.logFile)
    }

    deinit { stop() }

    /// Samples taken so far.
    var samples: Int { state.withLock { $0.samples } }

    /// The latest measurement (nil until the first sample is in); starts or resumes sampling.
    /// `describing`: a topic whose configuration the samples read too (the Topics screen's
    /// `d`); a new one is sampled at once rather than at the next interval.
    public func latest(describing: String? = nil) -> TopicsSnapshot? {
        let now = SystemWallClock().nowMs()
        let (start, resume, snapshot) = state.withLock { s -> (Bool, Bool, TopicsSnapshot?) in
            guard !s.stopped else { return (false, false, s.snapshot) }
            let idle = now - s.lastAskedMs > idleAfterMs
            let newTopic = describing != nil && describing != s.describing
            s.describing = describing
            s.lastAskedMs = now
            let start = !s.started
            if start {
                s.started = true
                s.done = DispatchSemaphore(value: 0)
            }
            return (start, (idle || newTopic) && !start, s.snapshot)
        }
        if start { startThread() }
        if resume { wake.signal() }
        return snapshot
    }

    /// Ends sampling and waits for the thread; safe to call more than once.
    public func stop() {
        let done = state.withLock { s -> DispatchSemaphore? in
            s.stopped = true
            defer { s.done = nil }
            return s.done
        }
        guard let done else { return }
        wake.signal()
        done.wait()
    }

    private func startThread() {
        let done = state.withLock { $0.done }
        let thread = Thread { [self] in
            run()
            done?.signal()
        }
        thread.name = "pipetop-topics"
        thread.start()
    }

    private func run() {
        let sampler: KafkaTopicsSampler
        do {
            sampler = try KafkaTopicsSampler(config: config, log: log)
        } catch {
            state.withLock { $0.snapshot = TopicsSnapshot(topics: [], measuredAtMs: SystemWallClock().nowMs(), error: error.description) }
            return
        }
        var previous: TopicsSample?
        // Samples further apart than three intervals and 10 s (the dashboard suspended, a
        // sample that hung) leave the time between out of how long a group was behind.
        let maxGapMs = 3 * interval.milliseconds + 10_000
        var progress = CommitProgress(maxGapMs: maxGapMs)
        while !state.withLock({ $0.stopped }) {
            let (asked, last, describing) = state.withLock { ($0.lastAskedMs, $0.snapshot, $0.describing) }
            let now = SystemWallClock().nowMs()
            guard now - asked <= idleAfterMs else {
                // Nobody looks: wait for the next ask, and measure rates afresh then (a rate
                // over the idle minutes would be an average nobody asked for).
                previous = nil
                progress = CommitProgress(maxGapMs: maxGapMs)
                wake.wait()
                continue
            }
            let next: TopicsSnapshot
            do {
                let current = try sampler.sample(describing: describing.map { [$0] } ?? [], groups: groups)
                var snapshot = TopicsSnapshot(previous: previous, current: current)
                progress.track(&snapshot)
                next = snapshot
                previous = current
            } catch {
                // Keep showing the last topics, with what went wrong; the time until a sample
                // succeeds again does not count towards a stall.
                progress.missed(atMs: now)
                var kept = last ?? TopicsSnapshot(topics: [], measuredAtMs: now)
                kept.error = error.description
                next = kept
            }
            state.withLock {
                $0.snapshot = next
                $0.samples += 1
            }
            let sampledMs = SystemWallClock().nowMs()
            if wake.wait(timeout: .now() + .milliseconds(Int(interval.milliseconds))) == .success {
                // Woken early (a topic to describe, say): once, however many asked meanwhile
                // (a key held down moves through many topics), and not sooner than `minimumGapMs`
                // after the last sample.
                while wake.wait(timeout: .now()) == .success {}
                let gap = Self.minimumGapMs - (SystemWallClock().nowMs() - sampledMs)
                if gap > 0, !state.withLock({ $0.stopped }) { Thread.sleep(forTimeInterval: Double(gap) / 1_000) }
            }
        }
    }
}
