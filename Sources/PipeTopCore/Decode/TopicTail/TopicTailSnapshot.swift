/// What a topic tail has read so far: the newest records (oldest first, at most the feed's
/// capacity), and the counts that stay exact whatever was dropped from view.
public struct TopicTailSnapshot: Sendable, Hashable {
    public var topic: String
    /// How values are decoded (`auto` from the Topics screen).
    public var format: ValueFormat
    /// Where each partition was read from (`:from`; the last 100 a partition by default).
    public var start: StartPosition
    public var records: [TopicRecord]
    /// Messages read in all.
    public var total: UInt64
    /// Messages whose value did not decode (not in `records`), and why the first one did not.
    public var undecodable: UInt64
    public var firstError: String?
    /// Why the feed stopped or cannot read (unknown topic, no brokers); nil while it reads.
    public var failure: String?

    /// Where the dashboard's tail of a topic starts unless told (`:from`).
    public static let defaultStart = StartPosition.lastPerPartition(100)

    public init(topic: String, format: ValueFormat, start: StartPosition = defaultStart, records: [TopicRecord] = [], total: UInt64 = 0,
                undecodable: UInt64 = 0, firstError: String? = nil, failure: String? = nil) {
        self.topic = topic
        self.format = format
        self.start = start
        self.records = records
        self.total = total
        self.undecodable = undecodable
        self.firstError = firstError
        self.failure = failure
    }
}

/// A running tail of one topic, started by the dashboard when the operator opens a topic and
/// stopped when they leave it. Read from the UI thread; fed by a thread of its own.
public protocol TopicTailFeed: AnyObject, Sendable {
    var snapshot: TopicTailSnapshot { get }
    /// Hands every message decoded from now on to `observer` as well, on the reader's thread
    /// (the Tail's `W`); nil stops that.
    func observe(_ observer: (@Sendable (TopicRecord) -> Void)?)
    func stop()
}
