import Foundation
import PipeTopCore

/// Writes records the Tail screen holds to a file, in the format its name asks for.
enum RecordFile {
    /// Nil on success, else a one-line reason.
    static func write(_ records: [ScoredEvent], to path: String) -> String? {
        let expanded = (path as NSString).expandingTildeInPath
        let text = ScoredRecordFormat(path: expanded).render(records)
        do {
            try text.write(toFile: expanded, atomically: true, encoding: .utf8)
            return nil
        } catch {
            return "cannot write \(path): \(FileErrorReason.of(error))"
        }
    }
}
