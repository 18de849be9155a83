import Foundation

/// Writes `text` to a new file in the temporary directory and returns its path; the caller removes it.
func temporaryFile(_ text: String, named prefix: String = "pipetop-test") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString).ndjson").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
