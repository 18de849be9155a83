import PipeTopCore

/// A group's committed offset and lag on one partition, in `pipetop topics NAME --json` and
/// `pipetop groups --json`: `{partition, committed, lag}`.
struct PartitionLagReport: Encodable {
    var partition: Int32
    var committed: Int64
    var lag: Int64

    init(_ lag: PartitionLag) {
        partition = lag.partition
        committed = lag.committed
        self.lag = lag.lag
    }
}
