import Foundation

/// `scripts/schema-registry-stub`, the Schema Registry test double, on a free loopback port:
/// started by the test, stopped when the value goes away. Schemas are registered and faults
/// injected through its REST API with curl (the way any client would).
final class RegistryStub: @unchecked Sendable {
    /// `http://127.0.0.1:PORT` (or https), as the stub printed it.
    let url: String
    let port: Int
    private let process: Process
    /// curl options that reach this stub (its CA, its user).
    private let curlOptions: [String]

    static var script: String { KafkaTestSetup.root + "/scripts/schema-registry-stub" }

    /// Starts the stub with `arguments` (e.g. `--user`, `--tls-cert`); `curlOptions` let the
    /// helpers below through its TLS and auth. Waits for its "listening on" line.
    init(_ arguments: [String] = [], curlOptions: [String] = []) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [Self.script, "--port", "0"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        TestBrokerRegistry.add(p.processIdentifier)
        process = p
        self.curlOptions = curlOptions
        var line = Data()
        let deadline = Date().addingTimeInterval(15)
        while !line.contains(UInt8(ascii: "\n")) && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "listening on "), let end = text[range.upperBound...].firstIndex(of: "\n") else {
            p.terminate()
            throw SetupError("schema-registry-stub did not start: \(text)")
        }
        url = String(text[range.upperBound..<end])
        port = Int(url.split(separator: ":").last ?? "") ?? 0
    }

    deinit { stop() }

    /// SIGKILL: its state is in memory, and a SIGTERM can arrive blocked (a child of the test
    /// runner inherits its signal mask).
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        TestBrokerRegistry.remove(process.processIdentifier)
    }

    /// Registers `schema` under `subject` and returns the stub's answer (`id`, `version`, `guid`).
    @discardableResult
    func register(
        _ subject: String, schema: String, type: String? = nil, references: [[String: Any]] = []
    ) throws -> [String: Any] {
        var body: [String: Any] = ["schema": schema, "references": references]
        if let type { body["schemaType"] = type }
        let encoded = subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? subject
        let answer = try request("POST", "/subjects/\(encoded)/versions", body: body)
        guard let object = answer as? [String: Any], object["id"] is Int else {
            throw SetupError("register \(subject): \(answer)")
        }
        return object
    }

    /// Registers and returns the id.
    func registerID(_ subject: String, schema: String, type: String? = nil, references: [[String: Any]] = []) throws -> UInt32 {
        UInt32(try register(subject, schema: schema, type: type, references: references)["id"] as? Int ?? 0)
    }

    /// How many registry requests the stub answered for `path` (all paths when nil).
    func requests(_ path: String? = nil) throws -> Int {
        let stats = try request("GET", "/_stub/stats") as? [String: Any] ?? [:]
        guard let path else { return stats["requests"] as? Int ?? -1 }
        return (stats["paths"] as? [String: Int])?[path] ?? 0
    }

    /// Answers `status` for these schema ids from now on (`[]` clears).
    func fail(ids: [UInt32], status: Int = 500) throws {
        _ = try request("POST", "/_stub/fail", body: ["ids": ids.map(Int.init), "status": status])
    }

    /// Delays every registry request by `ms`.
    func delay(ms: Int) throws {
        _ = try request("POST", "/_stub/delay", body: ["ms": ms])
    }

    /// One request with curl; the parsed JSON answer.
    func request(_ method: String, _ path: String, body: [String: Any]? = nil) throws -> Any {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var args = ["-sS", "-X", method, "--max-time", "10"] + curlOptions
        if let body {
            args += ["-H", "Content-Type: application/vnd.schemaregistry.v1+json", "--data-binary", "@-"]
            let input = Pipe()
            p.standardInput = input
            try input.fileHandleForWriting.write(contentsOf: JSONSerialization.data(withJSONObject: body))
            try input.fileHandleForWriting.close()
        }
        p.arguments = args + [url + path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw SetupError("curl \(method) \(path) failed (\(p.terminationStatus))") }
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }
}
