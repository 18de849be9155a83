import Foundation
import PipeTopCore

/// One Avro test case written by fastavro (`scripts/avro-fixtures.py`): the schema, the
/// bytes fastavro's `schemaless_writer` wrote, and the natural JSON computed in Python.
struct AvroFixture: Sendable {
    let name: String
    let schema: String
    let references: [String]
    let bytes: [UInt8]
    let expected: DecodedValue

    func compiled() throws -> AvroSchema { try AvroSchema(parsing: schema, references: references) }
}

/// Runs `scripts/avro-fixtures.py` once with the Kafka test venv's Python (set up by
/// `scripts/kafka-env`); a missing venv fails the tests with what to run, nothing is skipped.
/// Errors are the Protobuf fixtures' `FixtureError` (ProtobufTestFixtures.swift).
enum AvroFixtures {
    /// The repository root, from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // file, Decode, PipeTopCoreTests, Tests
        return url.path
    }()

    static let python = root + "/.build-kafka/venv/bin/python"

    static let loaded: Result<[String: AvroFixture], FixtureError> = load()

    /// The case called `name`.
    static func named(_ name: String) throws -> AvroFixture {
        let all = try loaded.get()
        guard let f = all[name] else { throw FixtureError("no Avro fixture \"\(name)\" in scripts/avro-fixtures.py") }
        return f
    }

    static func all() throws -> [AvroFixture] { try loaded.get().values.sorted { $0.name < $1.name } }

    private static func load() -> Result<[String: AvroFixture], FixtureError> {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return .failure(FixtureError("the test venv's Python is not at \(python); run `make test`, or `scripts/kafka-env`"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [root + "/scripts/avro-fixtures.py"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            return .failure(FixtureError("cannot run \(python): \(error)"))
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(FixtureError("scripts/avro-fixtures.py failed (run `scripts/kafka-env` if fastavro is missing): "
                + String(decoding: errors, as: UTF8.self)))
        }
        var fixtures: [String: AvroFixture] = [:]
        var parser = JSONTreeParser(maxDepth: 1_000)
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let json: DecodedValue
            do {
                json = try Array(line).withUnsafeBytes { b in Result { () throws(ValueDecodeError) in try parser.parse(b) } }.get()
            } catch {
                return .failure(FixtureError("unreadable fixture line: \(error)"))
            }
            guard case .string(let name)? = json[member: "name"], case .string(let schema)? = json[member: "schema"],
                case .array(let refs)? = json[member: "references"], case .string(let hex)? = json[member: "hex"],
                let expected = json[member: "expected"], let bytes = hexBytes(hex)
            else { return .failure(FixtureError("malformed fixture line")) }
            let references = refs.compactMap { if case .string(let s) = $0 { s } else { nil } }
            fixtures[name] = AvroFixture(name: name, schema: schema, references: references, bytes: bytes, expected: expected)
        }
        return .success(fixtures)
    }

    private static func hexBytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let b = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
        }
        return out
    }

    /// Whether a decoded tree is the value the script expects, in the script's conventions:
    /// bytes as base64 text, decimals as their exact text in a string, non-finite doubles as
    /// the strings the writer prints; everything else equal, members in the same order.
    static func matches(_ actual: DecodedValue, _ expected: DecodedValue) -> Bool {
        switch (actual, expected) {
        case (.bytes(let b), .string(let s)): return Base64Text.encode(b) == s
        case (.decimal(let a), .string(let s)): return a == s
        case (.double(let d), .string(let s)) where !d.isFinite: return s == (d.isNaN ? "NaN" : d < 0 ? "-Infinity" : "Infinity")
        case (.double(let a), .double(let b)): return a == b && a.sign == b.sign
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { matches($0, $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && matches($0.value, $1.value) }
        default: return actual == expected
        }
    }
}

/// Base64 for comparing with Python's `base64.b64encode`, written here so the test does not
/// lean on the library's own encoder.
enum Base64Text {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
