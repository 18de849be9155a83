import CRdKafka
import PipeTopCore

/// One partition to read and where to start in it, unless a position is already known.
struct PartitionStart: Sendable, Hashable {
    var topic: String
    var partition: Int32
    var start: StartPosition

    /// librdkafka's offset for `start`: an absolute offset or a logical one; for a timestamp,
    /// the timestamp itself (resolved with `rd_kafka_offsets_for_times`); for a group's
    /// position, none yet (resolved from its committed offsets).
    var rawOffset: Int64 {
        switch start {
        case .beginning: pipetop_offset_beginning()
        case .end: pipetop_offset_end()
        case .offset(let offset): offset
        case .lastPerPartition(let count): pipetop_offset_tail(count)
        case .timestamp(let ms): ms
        case .committed: pipetop_offset_invalid()  // resolved from the group's offsets
        }
    }

    /// The group whose committed offset this partition starts at (`group:NAME`), if any.
    var committedGroup: String? {
        if case .committed(let group) = start { return group }
        return nil
    }

    var isTimestamp: Bool {
        if case .timestamp = start { return true }
        return false
    }
}
