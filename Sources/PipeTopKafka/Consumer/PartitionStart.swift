import CRdKafka
import PipeTopCore

/// One partition to read and where to start in it, unless a position is already known.
struct PartitionStart: Sendable, Hashable {
    var topic: String
    var partition: Int32
    var start: StartPosition

    /// librdkafka's offset for `start`: an absolute offset or a logical one; for a timestamp,
    /// the timestamp itself (resolved with `rd_kafka_offsets_for_times`).
    var rawOffset: Int64 {
        switch start {
        case .beginning: pipetop_offset_beginning()
        case .end: pipetop_offset_end()
        case .offset(let offset): offset
        case .lastPerPartition(let count): pipetop_offset_tail(count)
        case .timestamp(let ms): ms
        }
    }

    var isTimestamp: Bool {
        if case .timestamp = start { return true }
        return false
    }
}
