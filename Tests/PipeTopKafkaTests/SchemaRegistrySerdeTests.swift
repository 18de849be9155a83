import Foundation
import PipeTopCore
import PipeTopKafka
import Testing

/// What confluent-kafka's official serializers write (`scripts/serde-produce` against the
/// registry test double) read back from a real broker: every value framed with a schema the
/// registry serves, and `SchemaRegistryClient` fetching each. Decoding the payloads is the
/// decoders' business (PipeTopCore/Decode), not tested here.
@Suite(.kafkaBroker, .serialized)
struct SchemaRegistrySerdeTests {
    /// Runs serde-produce with the Kafka tools' virtualenv.
    static func produce(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        try KafkaTestSetup.run(try KafkaTestSetup.venvScript("serde-produce", arguments))
    }

    /// The topic's first `count` messages (value, key), read from the beginning.
    static func read(_ topic: String, broker: TestBroker, count: Int) throws -> [(value: [UInt8], key: String)] {
        let reader = try KafkaTopicReader(config: KafkaClientConfig(brokers: broker.bootstrap), topic: topic)
        var messages: [(value: [UInt8], key: String)] = []
        let deadline = Date().addingTimeInterval(30)
        try reader.run(shouldStop: { messages.count >= count || Date() > deadline }) { value, key in
            messages.append((value.map { Array($0) } ?? [], key.map { String(decoding: $0, as: UTF8.self) } ?? ""))
        }
        return messages
    }

    /// Produces `count` records in `format` (`extra` arguments added) to a new topic, reads them
    /// back, and checks what every format shares: framed values, keys in order with the expected
    /// lines' ids. Returns the schemas the values name, fetched by the client.
    static func produceAndRead(
        _ format: String, count: Int = 20, extra: [String] = []
    ) throws -> (schemas: [UInt32: RegisteredSchema], frames: [(ConfluentFrame, [UInt8])], stub: RegistryStub) {
        let broker = try TestBroker.shared()
        let stub = try RegistryStub()
        let topic = "serde.\(format).\(UUID().uuidString.prefix(8))"
        try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap)).createTopics([topic], partitions: 1)
        let expect = NSTemporaryDirectory() + "serde-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: expect) }
        let run = try produce(["--brokers", broker.bootstrap, "--registry", stub.url, "--format", format, "--topic", topic,
                               "--count", "\(count)", "--seed", "7", "--expect", expect] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try String(contentsOfFile: expect, encoding: .utf8).split(separator: "\n")
        #expect(expected.count == count)
        let messages = try read(topic, broker: broker, count: count)
        #expect(messages.count == count)
        let client = SchemaRegistryClient(config: try SchemaRegistryConfig(url: stub.url))
        var schemas: [UInt32: RegisteredSchema] = [:]
        var frames: [(ConfluentFrame, [UInt8])] = []
        for (i, message) in messages.enumerated() {
            #expect(message.key == String(format: "rec-%06d", i))
            if i < expected.count {
                let line = try JSONSerialization.jsonObject(with: Data(expected[i].utf8)) as? [String: Any]
                #expect(line?["id"] as? String == message.key, "the expected lines follow the messages")
            }
            let frame = try message.value.withUnsafeBytes { bytes throws(ValueDecodeError) in try ConfluentFrame(parsing: bytes) }
            guard case .id(let id) = frame.schema else {
                Issue.record("message \(i) names a GUID, not an id")
                continue
            }
            if schemas[id] == nil { schemas[id] = try client.schema(.id(id)) }
            frames.append((frame, message.value))
        }
        return (schemas, frames, stub)
    }

    @Test func avroValuesNameTheSchemasTheRegistryServes() throws {
        let (schemas, _, _) = try Self.produceAndRead("avro", extra: ["--evolve"])
        #expect(schemas.count == 2, "v1 for the first half, v2 for the second")
        for schema in schemas.values {
            #expect(schema.kind == .avro && schema.text.contains("\"ScoredRecord\"") && schema.dependencies.isEmpty)
        }
        #expect(schemas.values.contains { $0.text.contains("timestamp-micros") }, "v2 has the added logical types")
    }

    @Test func avroReferencesAreServedAsTheReferencedSchemaText() throws {
        let (schemas, _, _) = try Self.produceAndRead("avro", count: 4, extra: ["--avro-references"])
        let schema = try #require(schemas.values.first)
        #expect(schemas.count == 1)
        #expect(schema.dependencies.map { String(decoding: $0, as: UTF8.self) }
            == [#"{"type": "enum", "name": "Label", "namespace": "pipetop.serde", "symbols": ["NEGATIVE", "POSITIVE"]}"#])
    }

    @Test func protobufValuesNameADescriptorAndItsImport() throws {
        let (schemas, frames, _) = try Self.produceAndRead("protobuf", extra: ["--evolve"])
        #expect(schemas.count == 2)
        let common = Array("pipetop/serde/common.proto".utf8)
        for schema in schemas.values {
            #expect(schema.kind == .protobuf)
            #expect(schema.dependencies.count == 1)
            #expect(schema.dependencies.first.map { Array($0.prefix(2 + common.count)) } == [0x0A, UInt8(common.count)] + common,
                    "the import, named as scored.proto imports it")
            #expect(String(decoding: schema.protobufFile, as: UTF8.self).contains("ScoredRecord"))
        }
        for (frame, value) in frames {
            var frame = frame
            let indexes = try value.withUnsafeBytes { bytes throws(ValueDecodeError) in try frame.readMessageIndexes(bytes) }
            #expect(indexes == [0], "ScoredRecord is each file's first message")
        }
    }

    @Test func jsonSchemaValuesNameTheirSchema() throws {
        let (schemas, frames, _) = try Self.produceAndRead("json", extra: ["--evolve"])
        #expect(schemas.count == 2)
        for schema in schemas.values { #expect(schema.kind == .json && schema.text.contains("\"ScoredRecord\"")) }
        // The JSON serializer frames plain JSON text.
        for (frame, value) in frames { #expect(value[frame.payloadOffset] == UInt8(ascii: "{")) }
    }

    @Test func withTheGUIDInAHeaderTheValueIsNotFramed() throws {
        let broker = try TestBroker.shared()
        let stub = try RegistryStub()
        let topic = "serde.header.\(UUID().uuidString.prefix(8))"
        try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap)).createTopics([topic], partitions: 1)
        let run = try Self.produce(["--brokers", broker.bootstrap, "--registry", stub.url, "--format", "json", "--topic", topic,
                                    "--count", "3", "--schema-id-in", "header"])
        #expect(run.status == 0, "\(run.stderr)")
        let messages = try Self.read(topic, broker: broker, count: 3)
        #expect(messages.count == 3)
        // The schema is named by the __value_schema_id header (magic 1, the GUID); the value is plain JSON.
        for m in messages { #expect(m.value.first == UInt8(ascii: "{")) }
    }

    @Test func theRateOptionPacesTheMessages() throws {
        let clock = ContinuousClock()
        var status: Int32 = -1
        let took = try clock.measure {
            let broker = try TestBroker.shared()
            let stub = try RegistryStub()
            try KafkaAdmin(config: KafkaClientConfig(brokers: broker.bootstrap)).createTopics(["serde.rate"], partitions: 1)
            status = try Self.produce(["--brokers", broker.bootstrap, "--registry", stub.url, "--format", "json",
                                       "--topic", "serde.rate", "--count", "10", "--rate", "10"]).status
        }
        #expect(status == 0)
        #expect(took >= .milliseconds(900), "10 messages at 10/s take about a second, \(took)")
    }
}
