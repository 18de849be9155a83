import PipeTopCore

/// Work `update` asks the runtime to do: everything else it does is a state change. What
/// performing one comes to reaches `update` again as a message.
public enum Effect: Sendable, Hashable {
    /// Send a control command by its route (and append it to the audit log as sent).
    case send(ControlCommand, ControlRoute)
    /// A sent command was decided (applied, rejected, timed out, abandoned…): audit it.
    case record(TrackedCommand)
    /// Append an entry to the audit log (alert acknowledgements and silences, refused commands).
    case audit(AuditEntry)
    /// Write the Tail screen's records to a file (NDJSON, or CSV for a `.csv` name).
    case writeRecords(path: String, [ScoredEvent])
    /// Append every scored record matching `filter` (of `pipeline`, if given) to a file from
    /// now on (NDJSON, or CSV for a `.csv` name), until `.stopCapture`.
    case startCapture(path: String, filter: RecordFilter?, pipeline: String?)
    case stopCapture
    /// Keep the Tail screen's own view of the scored records this watch selects (none: drop it).
    case watchRecords(RecordsWatch)
    /// Write a topic's messages to a file, NDJSON, each in its `MessageEnvelope`.
    case writeMessages(path: String, topic: String, [TopicRecord])
    /// Tail a topic of the cluster (the Topics screen's `enter`), decoding values as `format`.
    case tailTopic(String, format: ValueFormat, from: StartPosition = TopicTailSnapshot.defaultStart)
    /// Stop that tail (the operator left it).
    case stopTopicTail
}
