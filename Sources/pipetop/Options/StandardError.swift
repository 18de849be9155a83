import Foundation

/// Writes lines to stderr; through FileHandle because the C `stderr` global is not concurrency-safe.
enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
