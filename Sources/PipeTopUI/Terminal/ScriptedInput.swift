import PipeTopCore

/// Input for driving the dashboard's real loop in tests, on manual time (as swift-nio's
/// `EmbeddedEventLoop` runs on it): each step is due a number of milliseconds after the one
/// before, and waiting for input moves the clock instead of sleeping. Once the script is
/// played, the operator quits: `q`, and `y` should a dialog ask.
public final class ScriptedInput: InputSource {
    /// One step of a script: wait, then an event, or something that happens outside the
    /// dashboard (events ingested, a source finishing, a broker going away).
    public struct Step: Sendable {
        public enum Kind: Sendable {
            case input(InputEvent)
            case action(@Sendable () -> Void)
        }

        public var afterMs: Int64
        public var kind: Kind

        public init(afterMs: Int64 = 0, _ kind: Kind) {
            self.afterMs = afterMs
            self.kind = kind
        }

        /// A key by its keymap name (`j`, `enter`, `ctrl+c`, `space`…).
        public static func key(_ name: String, afterMs: Int64 = 0) -> Step { Step(afterMs: afterMs, .input(.key(Key(name)))) }

        /// The keys of `text`, one character each.
        public static func type(_ text: String, afterMs: Int64 = 0) -> [Step] {
            text.enumerated().map { i, c in key(c == " " ? "space" : String(c), afterMs: i == 0 ? afterMs : 0) }
        }

        /// The terminal becomes `columns`×`rows` (the backend too, when the script has one).
        public static func resize(columns: Int, rows: Int, afterMs: Int64 = 0) -> Step {
            Step(afterMs: afterMs, .input(.resize(columns: columns, rows: rows)))
        }

        /// `body` runs on the loop's thread when the step is due.
        public static func run(afterMs: Int64 = 0, _ body: @escaping @Sendable () -> Void) -> Step {
            Step(afterMs: afterMs, .action(body))
        }
    }

    private let clock: ManualWallClock
    private let backend: TestBackend?
    private var steps: [Step]
    private var dueMs: Int64?
    /// How often the loop asked for input.
    public private(set) var reads = 0

    /// `backend`, if given, takes the size of each resize step before the loop hears of it.
    public init(_ steps: [Step], clock: ManualWallClock, backend: TestBackend? = nil) {
        self.steps = steps
        self.clock = clock
        self.backend = backend
    }

    public func next(timeoutMs: Int) -> InputEvent? {
        reads += 1
        while true {
            let now = clock.nowMs()
            guard let step = steps.first else {
                // Played out: quit, answering a dialog that asks first.
                steps = [.key("q"), .key("y")]
                return nil
            }
            let due = dueMs ?? now + step.afterMs
            dueMs = due
            if due > now + Int64(timeoutMs) {
                clock.advance(byMs: Int64(timeoutMs))
                return nil
            }
            clock.advance(byMs: due - now)
            steps.removeFirst()
            dueMs = nil
            switch step.kind {
            case .input(let event):
                if case .resize(let columns, let rows) = event { backend?.size = (columns, rows) }
                return event
            case .action(let body):
                body()
            }
        }
    }
}
