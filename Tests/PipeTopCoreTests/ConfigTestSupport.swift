import Foundation

@testable import PipeTopCore

/// The fake environment config tests run in; never the real one, so tests are hermetic.
let testEnvironment = ["HOME": "/home/op"]

func parseConfig(_ text: String, environment: [String: String] = testEnvironment) throws
    -> LoadedConfig
{
    try ConfigLoader.parse(text, file: "pipetop.toml", environment: environment)
}

/// The message `parseConfig(text)` fails with, or nil when it parses.
func configErrorMessage(_ text: String) -> String? {
    do {
        _ = try parseConfig(text)
        return nil
    } catch {
        return String(describing: error)
    }
}

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "pipetop-config-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ text: String, to path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
