import Foundation

/// Debian's kcat, run with librdkafka 2.16 first on its library path (Debian's 2.0 cannot talk
/// to the test broker).
enum Kcat {
    /// Produces `input` (one message per line, `key:value` with `-K:`) with `arguments` added,
    /// one record per batch so ListOffsets counts records (see TestBroker's quirks). Returns
    /// kcat's exit status and standard error.
    @discardableResult
    static func produce(broker: String, topic: String, input: Data, arguments: [String] = []) throws -> (status: Int32, stderr: String) {
        try run(["-P", "-b", broker, "-t", topic, "-X", "batch.num.messages=1"] + arguments, input: input)
    }

    /// Runs kcat with `arguments`, feeding it `input`.
    static func run(_ arguments: [String], input: Data = Data()) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: KafkaTestSetup.kcat)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LD_LIBRARY_PATH"] = KafkaTestSetup.libraryDirectory + (env["LD_LIBRARY_PATH"].map { ":" + $0 } ?? "")
        p.environment = env
        let stdin = Pipe(), stderr = Pipe()
        p.standardInput = stdin
        p.standardOutput = FileHandle.nullDevice
        p.standardError = stderr
        try p.run()
        // Write on another thread so a large input cannot deadlock against kcat's stderr.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: errors, as: UTF8.self))
    }
}
