import Foundation
import PipeTopCore
import PipeTopKafka
import Synchronization
import Testing

/// `SchemaRegistryClient` against the registry test double (`scripts/schema-registry-stub`),
/// each test on a stub of its own.
@Suite(.serialized)
struct SchemaRegistryClientTests {
    static let avroRecord = #"{"type":"record","name":"Scored","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"score","type":"double"}]}"#

    static func client(_ stub: RegistryStub, auth: String? = nil, caFile: String? = nil, timeout: Duration = .seconds(5))
        throws(SchemaRegistryError) -> SchemaRegistryClient
    {
        SchemaRegistryClient(config: try SchemaRegistryConfig(url: stub.url, auth: auth, caFile: caFile, timeout: timeout))
    }

    /// The error `body` throws, as text.
    static func failure(_ body: () throws(SchemaRegistryError) -> RegisteredSchema) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.description
        }
    }

    @Test func anAvroSchemaWithoutSchemaTypeIsAvroAndIsFetchedOnce() throws {
        let stub = try RegistryStub()
        let id = try stub.registerID("scored-value", schema: Self.avroRecord)
        let client = try Self.client(stub)
        let schema = try client.schema(.id(id))
        #expect(schema == RegisteredSchema(kind: .avro, text: Self.avroRecord))
        for _ in 0..<5 { #expect(try client.schema(.id(id)) == schema) }
        #expect(try stub.requests("/schemas/ids/\(id)") == 1, "later calls are answered from memory")
        #expect(client.cachedSchemas == 1)
    }

    @Test func aJSONSchemaKeepsItsText() throws {
        let stub = try RegistryStub()
        let text = #"{"type":"object","properties":{"id":{"type":"string"}}}"#
        let id = try stub.registerID("j-value", schema: text, type: "JSON")
        #expect(try Self.client(stub).schema(.id(id)) == RegisteredSchema(kind: .json, text: text))
    }

    @Test func avroReferencesAreTheirSchemaTextsInDependencyOrder() throws {
        let stub = try RegistryStub()
        let label = #"{"type":"enum","name":"Label","namespace":"t","symbols":["NO","YES"]}"#
        let pair = #"{"type":"record","name":"Pair","namespace":"t","fields":[{"name":"a","type":"t.Label"}]}"#
        try stub.register("t.Label", schema: label)
        try stub.register("t.Pair", schema: pair, references: [["name": "t.Label", "subject": "t.Label", "version": 1]])
        let top = #"{"type":"record","name":"Top","namespace":"t","fields":[{"name":"p","type":"t.Pair"},{"name":"l","type":"t.Label"}]}"#
        let id = try stub.registerID("top-value", schema: top, references: [
            ["name": "t.Pair", "subject": "t.Pair", "version": 1], ["name": "t.Label", "subject": "t.Label", "version": 1],
        ])
        let schema = try Self.client(stub).schema(.id(id))
        #expect(schema.kind == .avro && schema.text == top)
        #expect(schema.dependencies == [Array(label.utf8), Array(pair.utf8)], "Label before Pair, which needs it; Label once")
    }

    /// Three .proto files: base, mid imports base, top imports both.
    static let protos = [
        "base.proto": "syntax = \"proto3\";\npackage t;\nenum Kind { KIND_UNSPECIFIED = 0; GOOD = 1; }\n",
        "mid.proto": "syntax = \"proto3\";\npackage t;\nimport \"base.proto\";\nmessage Mid { Kind kind = 1; int64 n = 2; }\n",
        "top.proto": "syntax = \"proto3\";\npackage t;\nimport \"base.proto\";\nimport \"mid.proto\";\nmessage Top { Mid mid = 1; Kind kind = 2; }\n",
    ]

    @Test func aProtobufSchemaIsItsSerializedDescriptorWithImportsBeforeImporters() throws {
        let stub = try RegistryStub()
        try stub.register("base.proto", schema: Self.protos["base.proto"]!, type: "PROTOBUF")
        try stub.register("mid.proto", schema: Self.protos["mid.proto"]!, type: "PROTOBUF",
                          references: [["name": "base.proto", "subject": "base.proto", "version": 1]])
        let id = try stub.registerID("top-value", schema: Self.protos["top.proto"]!, type: "PROTOBUF", references: [
            ["name": "mid.proto", "subject": "mid.proto", "version": 1], ["name": "base.proto", "subject": "base.proto", "version": 1],
        ])
        let schema = try Self.client(stub).schema(.id(id))
        #expect(schema.kind == .protobuf)
        #expect(schema.dependencies == [try Protoc.descriptor("base.proto", Self.protos), try Protoc.descriptor("mid.proto", Self.protos)])
        #expect(String(decoding: schema.protobufFile, as: UTF8.self).contains("Top"))
        #expect(try stub.requests("/schemas/ids/\(id)") == 2, "the schema, then its serialized form")
    }

    @Test func aReferencedFileIsNamedAsItsImporterNamesIt() throws {
        let stub = try RegistryStub()
        // Stored under a subject that is not its import path: the stub compiles it as schema-1.proto.
        try stub.register("kinds", schema: Self.protos["base.proto"]!, type: "PROTOBUF")
        let id = try stub.registerID("mid-value", schema: Self.protos["mid.proto"]!, type: "PROTOBUF",
                                     references: [["name": "base.proto", "subject": "kinds", "version": 1]])
        let schema = try Self.client(stub).schema(.id(id))
        #expect(schema.dependencies == [try Protoc.descriptor("base.proto", Self.protos)])
    }

    @Test func aGUIDIsFetchedByItsTextForm() throws {
        let stub = try RegistryStub()
        let answer = try stub.register("g-value", schema: Self.avroRecord)
        let guid = try #require(answer["guid"] as? String)
        let bytes = try #require(UUID(uuidString: guid)).uuid
        let raw = withUnsafeBytes(of: bytes) { Array($0) }
        #expect(UUIDText.string(raw) == guid.lowercased())
        #expect(try Self.client(stub).schema(.guid(raw)) == RegisteredSchema(kind: .avro, text: Self.avroRecord))
    }

    @Test func anUnknownIdIsAOneLineNotFound() throws {
        let stub = try RegistryStub()
        let message = Self.failure { () throws(SchemaRegistryError) in try Self.client(stub).cachedSchema(.id(999)) }
        #expect(message == "schema 999: \(stub.url)/schemas/ids/999: HTTP 404 (Schema 999 not found)")
        #expect(throws: ValueDecodeError(message ?? "")) { try Self.client(stub).schema(.id(999)) }
    }

    @Test func aServerErrorIsReportedWithTheRegistrysMessage() throws {
        let stub = try RegistryStub()
        let id = try stub.registerID("s-value", schema: Self.avroRecord)
        try stub.fail(ids: [id], status: 500)
        let message = Self.failure { () throws(SchemaRegistryError) in try Self.client(stub).cachedSchema(.id(id)) }
        #expect(message == "schema \(id): \(stub.url)/schemas/ids/\(id): HTTP 500 (Error in the backend data store (injected by the stub))")
    }

    @Test func aFailureIsRememberedThenRetried() throws {
        let stub = try RegistryStub()
        let id = try stub.registerID("n-value", schema: Self.avroRecord)
        try stub.fail(ids: [id], status: 500)
        let clock = ManualWallClock(nowMs: 1_000_000)
        let client = SchemaRegistryClient(config: try SchemaRegistryConfig(url: stub.url, failureRetryInterval: .seconds(10)), clock: clock)
        #expect(throws: ValueDecodeError.self) { try client.schema(.id(id)) }
        try stub.fail(ids: [])
        clock.advance(byMs: 9_999)
        #expect(throws: ValueDecodeError.self, "still failing: not asked again yet") { try client.schema(.id(id)) }
        #expect(try stub.requests("/schemas/ids/\(id)") == 1)
        clock.advance(byMs: 1)
        #expect(try client.schema(.id(id)).text == Self.avroRecord)
        #expect(try stub.requests("/schemas/ids/\(id)") == 2)
    }

    @Test func aClockSetBackDoesNotProlongAFailure() throws {
        let stub = try RegistryStub()
        let clock = ManualWallClock(nowMs: 1_000_000)
        let client = SchemaRegistryClient(config: try SchemaRegistryConfig(url: stub.url), clock: clock)
        #expect(throws: ValueDecodeError.self) { try client.schema(.id(1)) }
        clock.set(0)
        let id = try stub.registerID("late-value", schema: Self.avroRecord)
        #expect(id == 1 && (try? client.schema(.id(1)))?.text == Self.avroRecord)
    }

    @Test func basicAuthIsSentAndAWrongPasswordIsSaidPlainly() throws {
        let stub = try RegistryStub(["--user", "alice:s3cret"], curlOptions: ["-u", "alice:s3cret"])
        let id = try stub.registerID("a-value", schema: Self.avroRecord)
        #expect(try Self.client(stub, auth: "alice:s3cret").schema(.id(id)).text == Self.avroRecord)
        let wrong = try Self.client(stub, auth: "alice:wrong")
        let message = Self.failure { () throws(SchemaRegistryError) in try wrong.cachedSchema(.id(id)) }
        #expect(message == "schema \(id): \(stub.url)/schemas/ids/\(id): HTTP 401 (Unauthorized): check the registry's user:password (schema_registry_auth)")
        let none = Self.failure { () throws(SchemaRegistryError) in try Self.client(stub).cachedSchema(.id(id)) }
        #expect(none?.contains("HTTP 401") == true)
    }

    @Test func credentialsInTheURLAreUsedAndNeverShown() throws {
        let stub = try RegistryStub(["--user", "alice:s3cret"], curlOptions: ["-u", "alice:s3cret"])
        let id = try stub.registerID("m-value", schema: Self.avroRecord)
        let withCredentials = stub.url.replacingOccurrences(of: "://", with: "://alice:s3cret@")
        let config = try SchemaRegistryConfig(url: withCredentials + "/")
        #expect(config.url == stub.url)
        #expect(config.maskedURL == stub.url.replacingOccurrences(of: "://", with: "://alice:********@"))
        var dumped = ""
        dump(config, to: &dumped)
        for shown in [config.description, "\(config)", String(reflecting: config), dumped] { #expect(!shown.contains("s3cret"), "\(shown)") }
        #expect(SchemaRegistryConfig.mask(withCredentials) == config.maskedURL)
        let client = SchemaRegistryClient(config: config)
        #expect(try client.schema(.id(id)).text == Self.avroRecord)
        let message = Self.failure { () throws(SchemaRegistryError) in try client.cachedSchema(.id(77)) }
        #expect(message?.contains("s3cret") == false && message?.contains("HTTP 404") == true, "\(message ?? "")")
    }

    @Test func aURLThatIsNotHTTPIsRefused() {
        #expect(throws: SchemaRegistryError.self) { try SchemaRegistryConfig(url: "ftp://registry:21") }
        #expect(throws: SchemaRegistryError.self) { try SchemaRegistryConfig(url: "http://") }
        #expect((try? SchemaRegistryConfig(url: "HTTPS://r:8081/base//"))?.url == "https://r:8081/base")
    }

    @Test func tlsWorksWithTheTrustedCAAndFailsClearlyOtherwise() throws {
        let certs = try TestCertificates()
        defer { certs.remove() }
        let stub = try RegistryStub(["--tls-cert", certs.serverCert, "--tls-key", certs.serverKey], curlOptions: ["--cacert", certs.ca])
        #expect(stub.url.hasPrefix("https://127.0.0.1:"))
        let id = try stub.registerID("tls-value", schema: Self.avroRecord)
        #expect(try Self.client(stub, caFile: certs.ca).schema(.id(id)).text == Self.avroRecord)
        let otherCA = Self.failure { () throws(SchemaRegistryError) in try Self.client(stub, caFile: certs.otherCA).cachedSchema(.id(id)) }
        #expect(otherCA == "schema \(id): \(stub.url)/schemas/ids/\(id): TLS: certificate verify failed (unknown CA)")
        let systemStore = Self.failure { () throws(SchemaRegistryError) in try Self.client(stub).cachedSchema(.id(id)) }
        #expect(systemStore?.hasSuffix("TLS: certificate verify failed (unknown CA)") == true, "\(systemStore ?? "")")
        let missing = Self.failure { () throws(SchemaRegistryError) in
            try Self.client(stub, caFile: certs.directory + "/nothing.pem").cachedSchema(.id(id))
        }
        #expect(missing?.contains("TLS: cannot read the CA file") == true, "\(missing ?? "")")
    }

    @Test func tlsRefusesACertificateForAnotherHost() throws {
        let certs = try TestCertificates()
        defer { certs.remove() }
        let stub = try RegistryStub(["--tls-cert", certs.wrongHostCert, "--tls-key", certs.wrongHostKey])
        let message = Self.failure { () throws(SchemaRegistryError) in try Self.client(stub, caFile: certs.ca).cachedSchema(.id(1)) }
        #expect(message == "schema 1: \(stub.url)/schemas/ids/1: TLS: certificate does not match the host name 127.0.0.1")
    }

    @Test func aSlowRegistryTimesOutWithinTheTimeout() throws {
        let stub = try RegistryStub()
        let id = try stub.registerID("slow-value", schema: Self.avroRecord)
        try stub.delay(ms: 3_000)
        let client = try Self.client(stub, timeout: .milliseconds(500))
        let clock = ContinuousClock()
        var message: String?
        let took = clock.measure {
            message = Self.failure { () throws(SchemaRegistryError) in try client.cachedSchema(.id(id)) }
        }
        #expect(message == "schema \(id): \(stub.url)/schemas/ids/\(id): timed out after 0.5 s")
        #expect(took < .milliseconds(2_500), "well before the registry's 3 s answer, \(took)")
    }

    @Test func theTimeoutBoundsAWholeFetchReferencesIncluded() throws {
        let stub = try RegistryStub()
        try stub.register("base.proto", schema: Self.protos["base.proto"]!, type: "PROTOBUF")
        let id = try stub.registerID("mid-value", schema: Self.protos["mid.proto"]!, type: "PROTOBUF",
                                     references: [["name": "base.proto", "subject": "base.proto", "version": 1]])
        try stub.delay(ms: 1_000)
        let client = try Self.client(stub, timeout: .milliseconds(2_500))
        let message = Self.failure { () throws(SchemaRegistryError) in try client.cachedSchema(.id(id)) }
        // Three requests of 1 s each, each well within the timeout alone: the third runs out of
        // the 2.5 s the whole fetch has (with 0.5 s to spare for a loaded machine's second).
        #expect(message == "schema \(id): \(stub.url)/subjects/base.proto/versions/1?format=serialized: timed out after 2.5 s")
    }

    @Test func aRegistryThatIsDownRefusesTheConnection() throws {
        let port = try TestBroker.freePort()
        let client = SchemaRegistryClient(config: try SchemaRegistryConfig(url: "http://127.0.0.1:\(port)"))
        let message = Self.failure { () throws(SchemaRegistryError) in try client.cachedSchema(.id(3)) }
        #expect(message == "schema 3: http://127.0.0.1:\(port)/schemas/ids/3: connection refused")
    }

    @Test func aResponseOverTheSizeCapIsRefused() throws {
        let stub = try RegistryStub()
        let id = try stub.registerID("big-value", schema: Self.avroRecord)
        let config = try SchemaRegistryConfig(url: stub.url, maxResponseBytes: 64)
        let message = Self.failure { () throws(SchemaRegistryError) in try SchemaRegistryClient(config: config).cachedSchema(.id(id)) }
        #expect(message == "schema \(id): \(stub.url)/schemas/ids/\(id): response larger than 64 bytes")
    }

    @Test func referencesNestedTooDeepAreRefused() throws {
        let stub = try RegistryStub()
        var previous: [[String: Any]] = []
        var id: UInt32 = 0
        for depth in 0...SchemaRegistryClient.maxReferenceDepth + 1 {
            let field = previous.isEmpty ? "" : #"{"name":"p","type":"t.R\#(depth - 1)"}"#
            id = try stub.registerID("t.R\(depth)", schema: #"{"type":"record","name":"R\#(depth)","namespace":"t","fields":[\#(field)]}"#,
                                     references: previous)
            previous = [["name": "t.R\(depth)", "subject": "t.R\(depth)", "version": 1]]
        }
        let message = Self.failure { () throws(SchemaRegistryError) in try Self.client(stub).cachedSchema(.id(id)) }
        #expect(message?.hasPrefix("schema \(id): \(stub.url)/subjects/t.R0/versions/1: references nested deeper than 32") == true,
                "\(message ?? "")")
        let shallow = try Self.client(stub).schema(.id(id - 1))
        #expect(shallow.dependencies.count == SchemaRegistryClient.maxReferenceDepth, "the deepest chain allowed, in order")
        #expect(shallow.dependencies.first.map { String(decoding: $0, as: UTF8.self).contains(#""R0""#) } == true)
    }

    @Test func threadsAskingAtOnceAllGetTheSchema() throws {
        let stub = try RegistryStub()
        let ids = try (0..<4).map { i in try stub.registerID("p\(i)-value", schema: #"{"type":"record","name":"P\#(i)","fields":[]}"#) }
        let client = try Self.client(stub)
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let id = ids[i % ids.count]
            if (try? client.schema(.id(id)))?.text.contains("\"P\(i % ids.count)\"") != true {
                failures.withLock { $0 += 1 }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(client.cachedSchemas == ids.count)
        for id in ids { #expect(try stub.requests("/schemas/ids/\(id)") >= 1) }
    }

    @Test func theCacheKeepsTheNewestSchemas() throws {
        let stub = try RegistryStub()
        let ids = try (0..<4).map { i in
            try stub.registerID("c\(i)-value", schema: #"{"type":"record","name":"R\#(i)","fields":[]}"#)
        }
        let client = SchemaRegistryClient(config: try SchemaRegistryConfig(url: stub.url, maxCachedSchemas: 3))
        for id in ids { _ = try client.schema(.id(id)) }
        #expect(client.cachedSchemas == 3)
        _ = try client.schema(.id(ids[3]))
        _ = try client.schema(.id(ids[0]))
        #expect(try stub.requests("/schemas/ids/\(ids[3])") == 1, "the newest is still cached")
        #expect(try stub.requests("/schemas/ids/\(ids[0])") == 2, "the oldest was dropped and fetched again")
    }
}

/// Debian's protoc, for the descriptors the registry should answer.
enum Protoc {
    /// `name`'s serialized FileDescriptorProto, compiled from `files` (name → text).
    static func descriptor(_ name: String, _ files: [String: String]) throws -> [UInt8] {
        let dir = NSTemporaryDirectory() + "pipetop-protoc-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (file, text) in files { try text.write(toFile: dir + "/" + file, atomically: true, encoding: .utf8) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/protoc")
        p.arguments = ["-I", dir, "--descriptor_set_out=\(dir)/set.pb", name]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw SetupError("protoc \(name) failed") }
        // A FileDescriptorSet with one file: tag 0x0A, a varint length, the file.
        let set = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/set.pb")))
        var pos = 1
        var length = 0
        var shift = 0
        while set[pos] & 0x80 != 0 {
            length |= Int(set[pos] & 0x7F) << shift
            shift += 7
            pos += 1
        }
        length |= Int(set[pos]) << shift
        return Array(set[(pos + 1)..<(pos + 1 + length)])
    }
}
