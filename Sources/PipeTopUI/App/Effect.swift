import PipeTopCore

/// Work `update` asks the app loop to do: everything else it does is a state change.
public enum Effect: Sendable, Hashable {
    case quit
    /// Reload and apply the theme now named by the state.
    case applyTheme
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
    /// Tail a topic of the cluster (the Topics screen's `enter`), decoding values as `format`.
    case tailTopic(String, format: ValueFormat)
    /// Stop that tail (the operator left it).
    case stopTopicTail
    /// Leave the current cluster for the `[[contexts]]` entry with this name.
    case switchContext(String)
}
