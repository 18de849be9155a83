import Foundation
import PipeTopCore
import PipeTopKafka
import Testing

/// A pipeline that does not speak the contract, watched by the dashboard's source through its
/// own topics: scored records written by confluent-kafka's AvroSerializer (with the version in a
/// header), model messages in the trainer's own JSON written with kcat.
@Suite(.kafkaBroker, .serialized)
struct MappedPipelineSourceTests {
    @Test func aMappedPipelinesTopicsReachTheStoreAsContractEvents() async throws {
        let produced = try FormatDecodeTests.produce("avro", count: 30, extra: ["--header", "model-version=v2"])
        let broker = try TestBroker.shared()
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        let modelsTopic = "mapped.models.\(UUID().uuidString.prefix(8))"
        try KafkaAdmin(config: config).createTopics([modelsTopic], partitions: 1)
        // Two versions, then the first one re-published (a rollback), and one that does not map.
        // (Published before the scored records were written: the trainer's own time field.)
        let models = [#"{"name":"m","weights":"AAA","at":1700000001000}"#, #"{"name":"m","weights":"BBB","at":1700000002000}"#,
                      #"{"name":"m","weights":"AAA","at":1700000003000}"#, #"{"name":"m","at":1700000004000}"#]
        let kcat = try Kcat.produce(broker: broker.bootstrap, topic: modelsTopic, input: Data((models.joined(separator: "\n") + "\n").utf8))
        #expect(kcat.status == 0, "kcat: \(kcat.stderr)")

        func selectors(_ fields: [String: String]) throws -> [String: FieldSelector] { try fields.mapValues { try FieldSelector(parsing: $0) } }
        var options = KafkaSourceOptions(backlog: 100_000)
        options.schemaRegistry = SchemaRegistrySettings(url: produced.stub.url)
        let modelsMapping = TopicMapping(format: .json, fields: try selectors(["model": "/name", "artifact": "/weights", "ts": "/at"]))
        // The same topics twice: versions from the scored records' header, and from the models topic.
        options.pipelines = [
            PipelineConfig(
                name: "fraud", scoredTopic: produced.topic, modelsTopic: modelsTopic,
                scored: TopicMapping(format: .avro, fields: try selectors(["key": "@key", "score": "/score", "model": "=m", "version": "@header:model-version"]),
                                     features: .value(try JSONPointer(parsing: "/features"))),
                models: modelsMapping),
            PipelineConfig(
                name: "fraud-by-models", scoredTopic: produced.topic, modelsTopic: modelsTopic,
                scored: TopicMapping(format: .avro, fields: try selectors(["score": "/score", "model": "=m"])), models: modelsMapping),
        ]
        let store = PipelineStore()
        let source = KafkaSource(config: config, topics: ContractJSON.topics("mapped"), options: options)
        try source.start(into: store)
        defer { source.stop() }
        #expect(await eventually { store.snapshot().scoredTotal == 60 && store.snapshot().sources.first { $0.name == modelsTopic }?.malformed == 2 })

        let snap = store.snapshot()
        let p = try #require(snap.pipeline(named: "fraud"))
        #expect(p.stats(for: VersionKey(model: "m", version: 2))?.scoredCount == 30)
        let model = try #require(p.models.first { $0.name == "m" })
        // Published 1 and 2 from the models topic; the scored records say 2 serves.
        #expect(model.versions.map(\.version).sorted() == [1, 2])
        #expect(model.primary == 2)
        // Each version remembers where its newest message is: what re-publishing sends again.
        #expect(model.versions.first { $0.version == 1 }?.origin == MessageOrigin(topic: modelsTopic, partition: 0, offset: 2))
        #expect(model.versions.first { $0.version == 2 }?.origin == MessageOrigin(topic: modelsTopic, partition: 0, offset: 1))
        // The newest models message named version 1 again: by the models topic, 1 serves.
        let byModels = try #require(snap.pipeline(named: "fraud-by-models")?.models.first { $0.name == "m" })
        #expect(byModels.primary == 1)
        #expect(snap.recentScored.filter { $0.pipeline == "fraud" }.allSatisfy { $0.features.count == 8 && $0.version == 2 })
        // Each record knows the message it was read from, one message each.
        let origins = snap.recentScored.filter { $0.pipeline == "fraud" }.compactMap(\.origin)
        #expect(origins.count == 30 && Set(origins).count == 30 && origins.allSatisfy { $0.topic == produced.topic && $0.offset >= 0 })
        // Rates from the topics' watermarks: an instance called kafka reports the scored
        // topic's records; more records produced now show as records out.
        #expect(await eventually { store.snapshot().pipeline(named: "fraud")?.instances.contains { $0.name == "kafka" } == true })
        let more = try SchemaRegistrySerdeTests.produce(["--brokers", broker.bootstrap, "--registry", produced.stub.url, "--format", "avro",
                                                         "--topic", produced.topic, "--count", "25", "--seed", "12"])
        #expect(more.status == 0, "\(more.stderr)")
        #expect(await eventually { store.snapshot().scoredTotal == 110 })
        // The 25 show in the per-second history as records in and out (a rate over the last
        // 10 s would be gone again if other suites, sharing the broker and both cores, held
        // this one up). A count spread over several seconds sums to 25 up to rounding.
        func moved(_ series: RateSeries) -> Double {
            guard let p = store.snapshot().pipeline(named: "fraud") else { return -1 }
            return p.history.series(series, count: 60, endingBefore: p.historyEndSecond + 1).reduce(0, +)
        }
        #expect(await eventually(timeout: .seconds(45)) { abs(moved(.recordsOut) - 25) < 1e-6 && abs(moved(.recordsIn) - 25) < 1e-6 },
                "out \(moved(.recordsOut)), in \(moved(.recordsIn)), instances \(String(describing: store.snapshot().pipeline(named: "fraud")?.instances))")
        let malformed = try #require(snap.sources.first { $0.name == modelsTopic })
        #expect(malformed.lastError?.hasSuffix(": unmappable, no artifact") == true, "\(malformed.lastError ?? "")")
    }

    /// `pipetop tail --pipeline`: a mapped pipeline's records as pipetop's scored records,
    /// with the contract's filters and columns.
    @Test func tailOfAMappedPipelinePrintsContractRecords() throws {
        let produced = try FormatDecodeTests.produce("avro", count: 12, extra: ["--header", "model-version=v7"])
        let broker = try TestBroker.shared()
        let config = NSTemporaryDirectory() + "mapped-\(UUID().uuidString).toml"
        try """
            [[pipelines]]
            name = "fraud"
            scored_topic = "\(produced.topic)"
            [pipelines.scored]
            format = "avro"
            key = "/id"
            score = "/score"
            model = "/model"
            version = "@header:model-version"
            features = "/features"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let base = ["tail", "--config", config, "--brokers", broker.bootstrap, "--schema-registry", produced.stub.url,
                    "--pipeline", "fraud", "--from", "beginning", "--exit-at-end"]
        let json = try Pipetop.run(base + ["--format", "json"])
        #expect(json.status == 0 && json.stderr.isEmpty, "\(json.stderr)")
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        for (line, expected) in zip(lines, produced.expected) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let source = try #require(try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [String: Any])
            #expect(record["type"] as? String == "scored" && record["pipeline"] as? String == "fraud")
            #expect(record["key"] as? String == source["id"] as? String && record["version"] as? Int == 7)
            #expect(record["score"] as? Double == source["score"] as? Double)
            #expect((record["features"] as? [String: Any])?.count == 8)
        }
        let filtered = try Pipetop.run(base + ["--format", "csv", "--columns", "key,score", "--filter", "score > 0.5"])
        #expect(filtered.status == 0, "\(filtered.stderr)")
        let high = produced.expected.filter { ((try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["score"] as? Double ?? 0) > 0.5 }
        #expect(filtered.stdout.split(separator: "\n").count == high.count + 1)
        let unknown = try Pipetop.run(["tail", "--config", config, "--pipeline", "nope"])
        #expect(unknown.status == 64 && unknown.stderr == "pipetop: --pipeline nope: no such [[pipelines]] entry (known: fraud)\n", "\(unknown.stderr)")
    }

    @Test func aDescriptorFileThatIsMissingStopsTheSourceWithOneLine() throws {
        var options = KafkaSourceOptions()
        options.pipelines = [PipelineConfig(name: "p", scoredTopic: "t", scored: TopicMapping(format: .protobuf, protoDescriptor: "/nonexistent.pb", protoMessage: "a.B", fields: ["score": .pointer(try JSONPointer(parsing: "/s"))]))]
        let source = KafkaSource(config: KafkaClientConfig(brokers: "127.0.0.1:1"), options: options)
        #expect {
            try source.start(into: PipelineStore())
        } throws: { error in
            "\(error)".hasPrefix("pipeline p, scored: proto_descriptor /nonexistent.pb: ") && !"\(error)".contains("\n")
        }
        // A template's too, before any topic of its is found.
        var templated = KafkaSourceOptions()
        templated.templates = options.pipelines.map { var t = $0; t.name = "p-{*}"; t.scoredTopic = "*.t"; return t }
        #expect {
            try KafkaSource(config: KafkaClientConfig(brokers: "127.0.0.1:1"), options: templated).start(into: PipelineStore())
        } throws: { error in
            "\(error)".hasPrefix("pipeline p-{*}, scored: proto_descriptor /nonexistent.pb: ")
        }
    }

    /// A template's pipelines are found as the cluster's topics are: one whose scored topic
    /// exists at start, and one whose topic is created while the source runs, read from the
    /// usual backlog; a topic the pattern does not match is not read.
    @Test func aTemplatesPipelinesAreFoundWhileTheSourceRuns() async throws {
        let broker = try TestBroker.shared()
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        let family = "dyn\(UUID().uuidString.prefix(6).lowercased())"
        func produce(_ topic: String, count: Int) throws {
            try KafkaAdmin(config: config).createTopics([topic], partitions: 2)
            let records = (0..<count).map { #"{"id":"\#(topic)-\#($0)","p":0.5}"# }.joined(separator: "\n") + "\n"
            #expect(try Kcat.produce(broker: broker.bootstrap, topic: topic, input: Data(records.utf8)).status == 0)
        }
        try produce("\(family).a.scored", count: 5)
        try produce("\(family).a.other", count: 3)
        var options = KafkaSourceOptions(backlog: 100_000)
        options.metadataRefresh = .milliseconds(300)
        options.templates = [PipelineConfig(
            name: "t-{*}", scoredTopic: "\(family).*.scored", consumerGroup: "{*}-scorers",
            scored: TopicMapping(format: .json, fields: try ["key": "/id", "score": "/p"].mapValues { try FieldSelector(parsing: $0) }))]
        let store = PipelineStore()
        let source = KafkaSource(config: config, topics: ContractJSON.topics("\(family)-none"), options: options)
        try source.start(into: store)
        defer { source.stop() }
        func scored(_ pipeline: String) -> Int { store.snapshot().recentScored.filter { $0.pipeline == pipeline }.count }
        #expect(await eventually { scored("t-a") == 5 }, "\(store.snapshot().pipelines.map(\.name))")
        try produce("\(family).b.scored", count: 4)
        #expect(await eventually { scored("t-b") == 4 }, "\(store.snapshot().pipelines.map(\.name))")
        #expect(Set(store.snapshot().pipelines.map(\.name)) == ["t-a", "t-b"])
        #expect(!source.statistics.missingTopics.contains("\(family).b.scored"))
    }
}
