import Foundation
import PipeTopCore

/// Writes records the Tail screen holds to a file: scored records in the format its name
/// asks for, a topic's messages as NDJSON in their envelopes.
enum RecordFile {
    /// Nil on success, else a one-line reason.
    static func write(_ records: [ScoredEvent], to path: String) -> String? {
        let expanded = (path as NSString).expandingTildeInPath
        return write(ScoredRecordFormat(path: expanded).render(records), to: path)
    }

    /// `records` of `topic`, a `MessageEnvelope` a line. Nil on success, else a one-line reason.
    static func write(_ records: [TopicRecord], of topic: String, to path: String) -> String? {
        write(records.map { $0.envelope(topic: topic).jsonText + "\n" }.joined(), to: path)
    }

    private static func write(_ text: String, to path: String) -> String? {
        let expanded = (path as NSString).expandingTildeInPath
        do {
            try text.write(toFile: expanded, atomically: true, encoding: .utf8)
            return nil
        } catch {
            return "cannot write \(path): \(FileErrorReason.of(error))"
        }
    }
}
