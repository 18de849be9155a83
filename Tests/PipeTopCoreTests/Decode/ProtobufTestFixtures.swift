import Foundation
import PipeTopCore

/// The Protobuf decoder's test data, made at test time by real protobuf code: Debian's
/// `protoc` compiles the committed `.proto` files (Fixtures/proto) into a descriptor set and
/// Python classes, and `make_cases.py` (protobuf's Python runtime and confluent-kafka, from
/// the venv in .build-kafka) writes the messages and their expected JSON. Made once per run.
enum ProtobufTestFixtures {
    /// One message: its type, bytes and the tree protobuf's JSON printer gives them.
    struct Case {
        var name: String
        var type: String
        var bytes: [UInt8]
        var expected: DecodedValue
    }

    struct Generated {
        /// `protoc --descriptor_set_out --include_imports` of everything.proto and legacy.proto.
        var descriptorSet: [UInt8]
        /// The same without `--include_imports`: common.proto missing.
        var descriptorSetWithoutImports: [UInt8]
        var cases: [Case]
        /// Message-index lists and the type confluent-kafka picks for each.
        var indexes: [(indexes: [Int], file: String, name: String)]
        /// everything.proto as the registry serves it: the file and its non-builtin references.
        var schema: RegisteredSchema
        /// Values framed by confluent-kafka's ProtobufSerializer.
        var framed: [Case]
        /// WellKnown messages whose `field` (dur or ts) protobuf's JSON printer refuses; the
        /// expected value is `{"seconds", "nanos"}`.
        var unprintable: [(field: String, c: Case)] = []
    }

    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // file, Decode, PipeTopCoreTests, Tests
        return url.path
    }()

    static let protoDirectory = root + "/Tests/PipeTopCoreTests/Fixtures/proto"
    static let protoc = "/usr/bin/protoc"
    static let python = root + "/.build-kafka/venv/bin/python"
    static let hint = "run `make test`, or `scripts/install-deps test` (protoc and the Python venv in .build-kafka)"

    /// The generated data, or why it could not be made.
    static func load() throws -> Generated { try generated.get() }

    private static let generated: Result<Generated, FixtureError> = Result { () throws(FixtureError) in try generate() }

    private static func generate() throws(FixtureError) -> Generated {
        let files = FileManager.default
        guard files.isExecutableFile(atPath: protoc) else { throw FixtureError("protoc is not installed (\(protoc)); \(hint)") }
        guard files.isExecutableFile(atPath: python) else { throw FixtureError("the test venv is missing (\(python)); \(hint)") }
        let temp = files.temporaryDirectory.appendingPathComponent("pipetop-proto-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        do {
            try files.createDirectory(atPath: temp, withIntermediateDirectories: true)
        } catch {
            throw FixtureError("cannot create \(temp): \(error)")
        }
        defer { try? files.removeItem(atPath: temp) }
        let protos = ["pipetop/test/common.proto", "pipetop/test/everything.proto", "pipetop/test/legacy.proto"]
        let include = ["-I", protoDirectory, "-I", "/usr/include"]
        _ = try run(protoc, include + ["--descriptor_set_out=\(temp)/set.pb", "--include_imports", "--python_out=\(temp)"] + protos)
        _ = try run(protoc, include + ["--descriptor_set_out=\(temp)/bare.pb", "pipetop/test/everything.proto"])
        let output = try run(python, [protoDirectory + "/make_cases.py", temp])

        var g = Generated(descriptorSet: try read(temp + "/set.pb"), descriptorSetWithoutImports: try read(temp + "/bare.pb"),
                          cases: [], indexes: [], schema: RegisteredSchema(kind: .protobuf), framed: [])
        var parser = JSONTreeParser()
        for line in output.split(separator: UInt8(ascii: "\n")) {
            let object: DecodedValue
            do {
                object = try Array(line).withUnsafeBytes { raw in Result { () throws(ValueDecodeError) in try parser.parse(raw) } }.get()
            } catch {
                throw FixtureError("make_cases.py wrote a line that is not JSON: \(error)")
            }
            switch object[member: "kind"]?.text {
            case "case", "framed":
                let c = Case(name: object[member: "name"]?.text ?? "", type: object[member: "type"]?.text ?? "",
                             bytes: base64(object[member: "b64"]), expected: object[member: "json"] ?? .null)
                if object[member: "kind"]?.text == "case" { g.cases.append(c) } else { g.framed.append(c) }
            case "unprintable":
                let c = Case(name: object[member: "name"]?.text ?? "", type: object[member: "type"]?.text ?? "",
                             bytes: base64(object[member: "b64"]),
                             expected: .object([DecodedMember("seconds", object[member: "seconds"] ?? .null),
                                                DecodedMember("nanos", object[member: "nanos"] ?? .null)]))
                g.unprintable.append((object[member: "field"]?.text ?? "", c))
            case "index":
                guard case .array(let items)? = object[member: "indexes"] else { continue }
                g.indexes.append((items.compactMap { $0.number.map { Int($0) } }, object[member: "file"]?.text ?? "", object[member: "name"]?.text ?? ""))
            case "schema":
                guard case .array(let deps)? = object[member: "deps"] else { continue }
                g.schema = RegisteredSchema(kind: .protobuf, protobufFile: base64(object[member: "file"]), dependencies: deps.map(base64))
            default:
                throw FixtureError("make_cases.py wrote an unknown line: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
        }
        return g
    }

    private static func base64(_ value: DecodedValue?) -> [UInt8] {
        value?.text.flatMap { Data(base64Encoded: $0) }.map { Array($0) } ?? []
    }

    private static func read(_ path: String) throws(FixtureError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw FixtureError("cannot read \(path)") }
        return Array(data)
    }

    /// Runs `tool`; its standard output, or an error with its standard error.
    private static func run(_ tool: String, _ arguments: [String]) throws(FixtureError) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = nil
        process.environment = environment
        let out = Pipe()
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-proto-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: err) }
        process.standardOutput = out
        process.standardError = try? FileHandle(forWritingTo: err)
        do {
            try process.run()
        } catch {
            throw FixtureError("cannot run \(tool): \(error); \(hint)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            throw FixtureError("\(tool) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(message.suffix(2000))")
        }
        return Array(data)
    }
}

/// Why the Protobuf test data could not be made, with what to run.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
