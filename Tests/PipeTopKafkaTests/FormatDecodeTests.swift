import Foundation
import PipeTopCore
import PipeTopKafka
import Testing

/// Values written by confluent-kafka's own serializers (`scripts/serde-produce`: AvroSerializer,
/// ProtobufSerializer with protoc-generated classes, JSONSerializer) through a real broker and
/// the registry test double, decoded by pipetop and compared with the natural JSON the
/// producer computed from what it sent.
@Suite(.kafkaBroker, .serialized)
struct FormatDecodeTests {
    struct Produced {
        var topic: String
        var stub: RegistryStub
        var expected: [String]
    }

    /// Produces `count` records to a new topic with `serde-produce` and its `--expect` lines.
    static func produce(_ format: String, count: Int = 40, stub: RegistryStub? = nil, extra: [String] = []) throws -> Produced {
        let broker = try TestBroker.shared()
        let stub = try stub ?? RegistryStub()
        let topic = "fmt.\(format).\(UUID().uuidString.prefix(8))"
        try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap)).createTopics([topic], partitions: 1)
        let expect = NSTemporaryDirectory() + "fmt-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: expect) }
        let run = try SchemaRegistrySerdeTests.produce(["--brokers", broker.bootstrap, "--registry", stub.url, "--format", format,
                                                        "--topic", topic, "--count", "\(count)", "--seed", "11", "--expect", expect] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try String(contentsOfFile: expect, encoding: .utf8).split(separator: "\n").map(String.init)
        return Produced(topic: topic, stub: stub, expected: expected)
    }

    /// Every value of the topic decoded in-process (the schema header passed when there is one).
    static func decodeAll(_ produced: Produced, format: ValueFormat = .auto) throws -> [Result<DecodedValue, ValueDecodeError>] {
        let broker = try TestBroker.shared()
        let reader = try KafkaTopicReader(config: KafkaClientConfig(brokers: broker.bootstrap), topic: produced.topic, exitAtEnd: true)
        var decoder = MessageDecoder(format: format, schemas: SchemaRegistryClient(config: try SchemaRegistryConfig(url: produced.stub.url)))
        var out: [Result<DecodedValue, ValueDecodeError>] = []
        let json = JSONTextBuffer()
        try reader.runMessages { message in
            let tree = Result { () throws(ValueDecodeError) in try message.decodedValue(with: &decoder)! }
            out.append(tree)
            // What `tail --format json` prints, written without the tree: the tree's JSON.
            json.reset()
            let direct = Result { () throws(ValueDecodeError) in try message.writeValueJSON(with: &decoder, to: json) }
            #expect(direct.map { String(decoding: json.bytes, as: UTF8.self) } == tree.map(\.jsonText), "\(message.position)")
        }
        return out
    }

    /// The same JSON document, whatever the member order and number spelling.
    static func sameJSON(_ a: String, _ b: String) -> Bool {
        guard let x = try? JSONSerialization.jsonObject(with: Data(a.utf8), options: [.fragmentsAllowed]),
              let y = try? JSONSerialization.jsonObject(with: Data(b.utf8), options: [.fragmentsAllowed]) else { return false }
        return NSArray(object: x).isEqual(NSArray(object: y))
    }

    static func check(_ produced: Produced, exactText: Bool, format: ValueFormat = .auto) throws {
        let decoded = try decodeAll(produced, format: format)
        #expect(decoded.count == produced.expected.count)
        for (i, (result, expected)) in zip(decoded, produced.expected).enumerated() {
            switch result {
            case .success(let value):
                let text = value.jsonText
                #expect(sameJSON(text, expected), "message \(i): \(text) vs \(expected)")
                if exactText {
                    // Members in schema order, as the producer wrote them (an integral double
                    // may be written 9 here where Python writes 9.0: the same JSON number).
                    #expect(text.replacingOccurrences(of: ".0,", with: ",").replacingOccurrences(of: ".0}", with: "}")
                            == expected.replacingOccurrences(of: ".0,", with: ",").replacingOccurrences(of: ".0}", with: "}"), "message \(i)")
                }
            case .failure(let error):
                Issue.record("message \(i) did not decode: \(error)")
            }
        }
    }

    /// A foreign pipeline's scored records, as AvroSerializer writes them with a key and a
    /// header, mapped to contract events: the key, a header, an Avro timestamp read as text,
    /// the map of features.
    @Test func avroRecordsMapToScoredEventsThroughTheirSelectors() throws {
        let produced = try Self.produce("avro", count: 20, extra: ["--header", "model-version=v7"])
        let broker = try TestBroker.shared()
        let reader = try KafkaTopicReader(config: KafkaClientConfig(brokers: broker.bootstrap), topic: produced.topic, exitAtEnd: true)
        var decoder = MessageDecoder(format: .avro, schemas: SchemaRegistryClient(config: try SchemaRegistryConfig(url: produced.stub.url)))
        let fields = try ["key": "@key", "score": "/score", "model": "/model", "version": "@header:model-version", "ts": "/ts", "prediction": "/prediction"]
            .mapValues { try FieldSelector(parsing: $0) }
        let mapping = ScoredMapping(pipeline: "fraud", TopicMapping(format: .avro, fields: fields, features: .value(try JSONPointer(parsing: "/features"))))
        var event = ScoredEvent()
        var mapped = 0
        try reader.runMessages { message in
            guard let value = try? message.decodedValue(with: &decoder) else {
                Issue.record("\(message.position) did not decode")
                return
            }
            #expect(mapping.map(value, message, into: &event) == .success(true))
            #expect(event.key == value[member: "id"]?.text)
            #expect(event.score == value[member: "score"]?.number)
            #expect(event.version == 7)
            #expect(event.prediction == value[member: "prediction"]?.text.map(Outcome.text))
            #expect(event.tsMs == (try? TimestampText.parseEpochMilliseconds(value[member: "ts"]?.text ?? "")))
            #expect(event.features.count == 8)
            mapped += 1
        }
        #expect(mapped == 20)
    }

    /// The Tail screen's record view names the schema that wrote each value: two writer
    /// schemas on one topic, then a value that is no registry frame.
    @Test func aTailedRecordNamesTheSchemaThatWroteIt() async throws {
        let produced = try Self.produce("avro", count: 10, extra: ["--evolve"])
        let broker = try TestBroker.shared()
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        #expect(try Kcat.produce(broker: broker.bootstrap, topic: produced.topic, input: Data("{\"plain\":1}\n".utf8)).status == 0)
        let tail = KafkaTopicTail(config: config, topic: produced.topic, format: .auto,
                                  schemas: SchemaRegistryClient(config: try SchemaRegistryConfig(url: produced.stub.url)), start: .beginning)
        defer { tail.stop() }
        #expect(await eventually(timeout: .seconds(20)) { tail.snapshot.total == 11 })
        let schemas = tail.snapshot.records.sorted { $0.offset < $1.offset }.map { $0.schema?.text }
        #expect(schemas == Array(repeating: "avro, schema id 1", count: 5) + Array(repeating: "avro, schema id 2", count: 5) + [nil], "\(schemas)")

        // Protobuf: the message type the frame's indexes pick, too (schema 1 is the
        // common.proto it imports, registered first).
        let proto = try Self.produce("protobuf", count: 3)
        let protoTail = KafkaTopicTail(config: config, topic: proto.topic, format: .auto,
                                       schemas: SchemaRegistryClient(config: try SchemaRegistryConfig(url: proto.stub.url)), start: .beginning)
        defer { protoTail.stop() }
        #expect(await eventually(timeout: .seconds(20)) { protoTail.snapshot.total == 3 })
        #expect(protoTail.snapshot.records.map { $0.schema?.text } == Array(repeating: "protobuf, schema id 2, message pipetop.serde.ScoredRecord", count: 3),
                "\(protoTail.snapshot.records.map { $0.schema?.text })")
    }

    @Test func avroEveryTypeAndTwoWriterSchemas() throws {
        // v2 adds timestamp-micros, date, decimal, bytes and a [null, double] union.
        try Self.check(try Self.produce("avro", extra: ["--evolve"]), exactText: true)
    }

    @Test func avroWithAReferencedSchema() throws {
        try Self.check(try Self.produce("avro", extra: ["--avro-references"]), exactText: true)
    }

    @Test func protobufWithAnImportAndTwoWriterSchemas() throws {
        try Self.check(try Self.produce("protobuf", extra: ["--evolve"]), exactText: false, format: .protobuf)
    }

    @Test func jsonSchemaFramedValues() throws {
        try Self.check(try Self.produce("json", extra: ["--evolve"]), exactText: false, format: .jsonSchema)
    }

    @Test func schemaIdInAHeader() throws {
        try Self.check(try Self.produce("avro", count: 10, extra: ["--schema-id-in", "header"]), exactText: true)
        try Self.check(try Self.produce("protobuf", count: 10, extra: ["--schema-id-in", "header"]), exactText: false)
    }

    @Test func tailReadsTheSchemaIdFromTheHeader() throws {
        let broker = try TestBroker.shared()
        let produced = try Self.produce("avro", count: 10, extra: ["--schema-id-in", "header"])
        let run = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--schema-registry", produced.stub.url, "--topic", produced.topic,
                                   "--from", "beginning", "--exit-at-end", "--format", "json", "--value-format", "avro"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == produced.expected.count)
        for (line, expected) in zip(lines, produced.expected) { #expect(Self.sameJSON(line, expected), "\(line) vs \(expected)") }
    }

    @Test func aFormatThatDoesNotMatchTheSchemaSaysSo() throws {
        let produced = try Self.produce("avro", count: 2)
        for result in try Self.decodeAll(produced, format: .protobuf) {
            guard case .failure(let error) = result else {
                Issue.record("an Avro value decoded as Protobuf")
                continue
            }
            #expect(error.reason.contains("is avro, not protobuf"))
        }
    }

    @Test func aRegistryThatFailsMakesThoseMessagesUndecodableAndSaysWhere() throws {
        let produced = try Self.produce("avro", count: 5)
        try produced.stub.fail(ids: [1], status: 500)
        for result in try Self.decodeAll(produced) {
            guard case .failure(let error) = result else {
                Issue.record("decoded although the registry failed")
                continue
            }
            #expect(error.reason.contains("schema 1") || error.reason.contains("id 1"))
            #expect(error.reason.contains(produced.stub.url))
            #expect(error.reason.contains("500"))
        }
    }

    // MARK: The command

    @Test func tailPrintsNaturalJSONWithMetaAndFilters() throws {
        let broker = try TestBroker.shared()
        let produced = try Self.produce("avro", count: 30, extra: ["--header", "trace=ab12"])
        let base = ["tail", "--brokers", broker.bootstrap, "--schema-registry", produced.stub.url, "--topic", produced.topic,
                    "--from", "beginning", "--exit-at-end"]
        let json = try Pipetop.run(base + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let printed = json.stdout.split(separator: "\n").map(String.init)
        #expect(printed.count == produced.expected.count)
        for (line, expected) in zip(printed, produced.expected) { #expect(Self.sameJSON(line, expected), "\(line) vs \(expected)") }

        let meta = try Pipetop.run(base + ["--format", "json", "--meta", "--count", "1"])
        let line = try JSONSerialization.jsonObject(with: Data(meta.stdout.utf8)) as? [String: Any]
        #expect(line?["topic"] as? String == produced.topic)
        #expect(line?["partition"] as? Int == 0)
        #expect(line?["offset"] as? Int == 0)
        #expect(line?["key"] as? String == "rec-000000")
        #expect((line?["timestamp"] as? Int).map { $0 > 1_700_000_000_000 } == true)
        #expect((line?["headers"] as? [String: Any])?["trace"] as? String == "ab12")
        #expect(Self.sameJSON(String(decoding: try JSONSerialization.data(withJSONObject: line?["value"] ?? [:]), as: UTF8.self), produced.expected[0]))

        let filtered = try Pipetop.run(base + ["--filter", "/score > 0.5 and /prediction == \"POSITIVE\"", "--format", "csv", "--columns", "/id,/score,/features/f0"])
        #expect(filtered.status == 0, "\(filtered.stderr)")
        let rows = filtered.stdout.split(separator: "\n").map(String.init)
        let wanted = produced.expected.compactMap { text -> String? in
            guard let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], let score = o["score"] as? Double, score > 0.5 else { return nil }
            return "\(o["id"]!),\(text.components(separatedBy: "\"score\":")[1].components(separatedBy: ",")[0]),\(text.components(separatedBy: "\"f0\":")[1].components(separatedBy: ",")[0])"
        }
        #expect(rows.first == "/id,/score,/features/f0")
        #expect(Array(rows.dropFirst()) == wanted)
    }

    @Test func tailCountsWhatTheRegistryCannotServe() throws {
        let broker = try TestBroker.shared()
        let produced = try Self.produce("avro", count: 4)
        produced.stub.stop()
        let args = ["tail", "--brokers", broker.bootstrap, "--schema-registry", produced.stub.url, "--topic", produced.topic,
                    "--from", "beginning", "--exit-at-end", "--format", "json"]
        let run = try Pipetop.run(args)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("pipetop: skipped 4 messages that did not decode (first: \(produced.topic)/0@0: "), "\(run.stderr)")
        #expect(run.stderr.contains(produced.stub.url))
        #expect(run.stderr.split(separator: "\n").count == 1)
        let strict = try Pipetop.run(args + ["--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("malformed message (--strict)"))
        let none = try Pipetop.run(Array(args.filter { $0 != produced.stub.url && $0 != "--schema-registry" }))
        #expect(none.stderr.contains("no schema registry is configured"))
    }

    @Test func tailWithALocalDescriptorSetNeedsNoRegistry() throws {
        let broker = try TestBroker.shared()
        let produced = try Self.produce("protobuf", count: 10)
        let descriptor = NSTemporaryDirectory() + "fmt-\(UUID().uuidString).desc"
        defer { try? FileManager.default.removeItem(atPath: descriptor) }
        let protoc = Process()
        protoc.executableURL = URL(fileURLWithPath: "/usr/bin/protoc")
        protoc.arguments = ["-I", KafkaTestSetup.root + "/Tests/Fixtures/serde", "--include_imports", "--descriptor_set_out", descriptor,
                            "pipetop/serde/scored.proto"]
        try protoc.run()
        protoc.waitUntilExit()
        #expect(protoc.terminationStatus == 0)
        let run = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", produced.topic, "--from", "beginning", "--exit-at-end",
                                   "--format", "json", "--proto-descriptor", descriptor, "--proto-message", "pipetop.serde.ScoredRecord"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == produced.expected.count)
        for (line, expected) in zip(lines, produced.expected) { #expect(Self.sameJSON(line, expected), "\(line) vs \(expected)") }
        let wrong = try Pipetop.run(["tail", "--brokers", broker.bootstrap, "--topic", produced.topic, "--proto-descriptor", descriptor,
                                     "--proto-message", "pipetop.serde.Nope"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("pipetop.serde.Nope"))
    }
}
