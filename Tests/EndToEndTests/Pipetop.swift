import Foundation

/// The built `pipetop` next to the test bundle (`swift build --build-tests`, as `make test` does).
let pipetopBinary: String? = {
    guard let resources = Bundle.module.resourceURL else { return nil }
    let candidate = resources.deletingLastPathComponent().appendingPathComponent("pipetop").path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}()

let endToEndReady = pipetopBinary != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

/// What a headless run of `pipetop` did.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `pipetop` with `arguments` (no terminal), output through files so nothing blocks.
func runPipetop(_ arguments: [String], shell: String? = nil) throws -> RunResult {
    if let shell {
        // A pipeline such as `pipetop … | head -1`: "$PIPETOP" is the binary.
        return try runProcess("/bin/sh", ["-c", shell], environment: ["PIPETOP": pipetopBinary ?? "pipetop"])
    }
    return try runProcess(pipetopBinary ?? "pipetop", arguments)
}

/// Runs `executable` with `arguments`, standard input empty, output through files so nothing
/// blocks; `environment` is laid over this process's, and `directory` is its working directory.
func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil
) throws -> RunResult {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
}
