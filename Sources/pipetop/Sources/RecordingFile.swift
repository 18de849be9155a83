import Foundation
import PipeTopCore

/// A recording to read (`--replay FILE`), opened before anything else starts, so that a file
/// that cannot be read is a one-line error with its reason. (`pipetop tail --replay -` reads
/// standard input instead; the dashboard cannot, its keys come from there.)
enum RecordingFile {
    struct CannotRead: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot read \(path): \(reason)" }
    }

    static func open(_ path: String) throws(CannotRead) -> FileHandle {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CannotRead(path: path, reason: "Is a directory")
        }
        do {
            return try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw CannotRead(path: path, reason: FileErrorReason.of(error))
        }
    }
}
