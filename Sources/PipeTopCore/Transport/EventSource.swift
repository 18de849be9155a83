/// Where the dashboard's events come from: Kafka, the embedded demo bus, a recording. The UI
/// never knows which one it reads; it only shows `name` and `status` in the header.
public protocol EventSource: AnyObject, Sendable {
    /// Names the source in the header, e.g. `demo: 3 pipelines`, `kafka 10.0.0.1:9092`.
    var name: String { get }
    /// The connection state, read once per frame.
    var status: SourceStatus { get }
    /// Starts delivering events into `store` on threads of the source's own and returns at
    /// once. Throws only when the source cannot start at all (e.g. an unreadable file).
    func start(into store: PipelineStore) throws
    /// Stops delivering; safe to call more than once.
    func stop()
    /// Where the operator's commands go for the pipelines this source shows: the control topic
    /// of the same cluster, or the demo bus; nil for a source without a control channel (a
    /// recording). Asked for once, when the dashboard starts.
    var controlSink: (any ControlSink)? { get }
    /// The clock the store's time follows for this source: `.arrival` (the wall clock) for a
    /// live one, so time moves on while nothing arrives; `.eventTime` for one that sets its
    /// own pace (a recording, the demo).
    var clockBasis: StalenessBasis { get }
    /// How many threads ingest in parallel: the store given to `start` should have as many shards.
    var ingestWorkers: Int { get }
}

extension EventSource {
    /// No control channel, unless the source says otherwise.
    public var controlSink: (any ControlSink)? { nil }

    /// Event time, unless the source says otherwise.
    public var clockBasis: StalenessBasis { .eventTime }

    /// One, unless the source says otherwise.
    public var ingestWorkers: Int { 1 }
}

/// The header's connection segment: what a source is doing and how healthy that is.
public struct SourceStatus: Sendable, Hashable {
    public enum Health: Sendable, Hashable {
        case ok, warning, critical
    }

    public var text: String
    public var health: Health

    public init(_ text: String, _ health: Health = .ok) {
        self.text = text
        self.health = health
    }
}
