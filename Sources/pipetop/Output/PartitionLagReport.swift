import PipeTopCore

/// A group's committed offset and lag on one partition, in `pipetop topics NAME --json` and
/// `pipetop groups --json`: `{partition, committed, lag, behind_for_ms, stalled}`
/// (`behind_for_ms`: how long it has been behind there without committing past `committed`
/// over the samples taken; null when caught up or after one sample).
struct PartitionLagReport: Encodable {
    var partition: Int32
    var committed: Int64
    var lag: Int64
    var behindForMs: Int64?
    var stalled: Bool

    init(_ lag: PartitionLag, stalledAfterMs: Int64) {
        partition = lag.partition
        committed = lag.committed
        self.lag = lag.lag
        behindForMs = lag.lag > 0 ? lag.behindForMs : nil
        stalled = lag.isStalled(afterMs: stalledAfterMs)
    }

    enum CodingKeys: String, CodingKey {
        case partition, committed, lag, stalled
        case behindForMs = "behind_for_ms"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(partition, forKey: .partition)
        try c.encode(committed, forKey: .committed)
        try c.encode(lag, forKey: .lag)
        try c.encode(behindForMs, forKey: .behindForMs)
        try c.encode(stalled, forKey: .stalled)
    }
}
