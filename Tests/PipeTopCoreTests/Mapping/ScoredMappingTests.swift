import Testing
import PipeTopCore

/// A message as the Kafka reader hands it to mapping.
struct TestMessage: MappedMessage {
    var topic = "wine.scored"
    var partition: Int32 = 2
    var offset: Int64 = 41
    var timestampMs: Int64? = 1_767_225_600_000
    var keyText: String? = "k-7"
    var headers: [String: String] = [:]

    func headerText(_ name: String) -> String? { headers[name] }
}

private func tree(_ json: String) throws -> DecodedValue {
    var decoder = MessageDecoder(format: .json)
    return try decoder.decode(Array(json.utf8))
}

private func mapping(_ fields: [String: String], features: FeatureSelector? = nil) throws -> ScoredMapping {
    ScoredMapping(pipeline: "wine", TopicMapping(format: .json, fields: try fields.mapValues { try FieldSelector(parsing: $0) }, features: features))
}

@Test func selectorsParseAsWrittenAndPrintBack() throws {
    for text in ["/result/score", "", "/a~1b/0", "@key", "@timestamp", "@header:model-version", "@topic", "@partition", "@offset", "@sequence", "=wine-model", "="] {
        #expect(try FieldSelector(parsing: text).description == text)
    }
    #expect(try FieldSelector(parsing: "=/not/a/pointer") == .constant("/not/a/pointer"))
    for bad in ["result/score", "@keys", "@header:", "/a~2", "score"] {
        #expect(throws: FieldSelector.ParseError.self) { try FieldSelector(parsing: bad) }
    }
    #expect(throws: FieldSelector.ParseError.self) { try FieldSelector(parsing: "score") }
    do {
        _ = try FieldSelector(parsing: "score")
    } catch {
        #expect(error.description.contains("JSON Pointer (/a/b), @key"))
    }
}

@Test func aForeignRecordMapsToAScoredEvent() throws {
    let m = try mapping([
        "key": "/id", "score": "/result/probability", "prediction": "/result/label", "model": "/model/name",
        "version": "/model/version", "ts": "/at", "latency_us": "@header:latency", "label": "/truth",
    ], features: .value(try JSONPointer(parsing: "/input")))
    let value = try tree(#"{"id":"r-1","result":{"probability":0.91,"label":"good"},"model":{"name":"wine-rf","version":"v4"},"at":"2026-01-01T00:00:01.500Z","truth":1,"input":{"alcohol":12.5,"acidity":3,"region":"north","flag":true}}"#)
    var event = ScoredEvent()
    let message = TestMessage(headers: ["latency": "850"])
    #expect(m.map(value, message, into: &event) == .success(true))
    #expect(event.pipeline == "wine")
    #expect(event.key == "r-1")
    #expect(event.score == 0.91)
    #expect(event.prediction == .text("good"))
    #expect(event.label == .number(1))
    #expect(event.model == "wine-rf")
    #expect(event.version == 4)
    #expect(event.tsMs == 1_767_225_601_500)
    #expect(event.latencyUs == 850)
    #expect(event.role == .primary)
    // Numbers only (booleans count as 1 and 0, as filters read them); text is not a feature.
    #expect(event.features == [NamedValue(name: "alcohol", value: 12.5), NamedValue(name: "acidity", value: 3), NamedValue(name: "flag", value: 1)])
}

/// `features = "/x"` takes what is there: an array's numbers named by index (feature vectors
/// are often arrays), a lone number named by the pointer's last token; read from the tree
/// (Avro, Protobuf) and by the JSON pointer reader alike.
@Test func featuresOfAnArrayOrOneNumber() throws {
    for (json, pointer, expected) in [
        (#"{"id":"a","s":0.5,"x":[1.5,"2",true,null,{"y":3},-4]}"#, "/x",
         [NamedValue(name: "0", value: 1.5), NamedValue(name: "1", value: 2), NamedValue(name: "2", value: 1), NamedValue(name: "5", value: -4)]),
        (#"{"id":"a","s":0.5,"in":{"amount":12.5}}"#, "/in/amount", [NamedValue(name: "amount", value: 12.5)]),
        (#"{"id":"a","s":0.5,"x":"text"}"#, "/x", []),
        (#"{"id":"a","s":0.5}"#, "/x", []),
    ] {
        let m = try mapping(["key": "/id", "score": "/s"], features: .value(try JSONPointer(parsing: pointer)))
        var event = ScoredEvent(features: [NamedValue(name: "stale", value: 9)])
        #expect(m.map(try tree(json), TestMessage(), into: &event) == .success(false))
        #expect(event.features == expected, "tree: \(json)")
        var reader = JSONPointerReader(m.pointers, numbersAt: m.featuresSlot)
        var values: [DecodedValue?] = []
        event = ScoredEvent(features: [NamedValue(name: "stale", value: 9)])
        try Array(json.utf8).withUnsafeBytes { try reader.read($0, into: &values, numbers: &event.features) }
        #expect(m.map(values: values, TestMessage(), into: &event) == .success(false))
        #expect(event.features == expected, "reader: \(json)")
    }
}

@Test func messageSelectorsAndDefaults() throws {
    // Key from the message, no model (the pipeline's name), no version, ts from the message.
    let m = try mapping(["key": "@key", "score": "/s", "role": "=shadow"],
                        features: .list([try JSONPointer(parsing: "/x/a"), try JSONPointer(parsing: "/missing"), try JSONPointer(parsing: "/b")]))
    var event = ScoredEvent(features: [NamedValue(name: "stale", value: 9)])
    #expect(m.map(try tree(#"{"s":"0.25","x":{"a":2},"b":-1}"#), TestMessage(), into: &event) == .success(false))
    #expect(event.key == "k-7")
    #expect(event.score == 0.25)
    #expect(event.model == "wine")
    #expect(event.version == 0)
    #expect(event.tsMs == 1_767_225_600_000)
    #expect(event.role == .shadow)
    #expect(event.prediction == nil && event.label == nil && event.latencyUs == nil)
    #expect(event.features == [NamedValue(name: "a", value: 2), NamedValue(name: "b", value: -1)])
}

@Test func timesOutsideTheSupportedYearsAreLeftOutAsMissingOnes() throws {
    // A far-off mapped time falls back to the record's timestamp, a far-off one of those to 0:
    // the store differences times, and 1970 to 9999 keeps that in range.
    let m = try mapping(["key": "@key", "score": "/s", "ts": "/t"])
    var event = ScoredEvent()
    for far in ["-1", "-9223372036854775808", "9223372036854775807", "253402300800000", "\"-292277022657-01-27T08:29:52.192Z\""] {
        #expect(m.map(try tree(#"{"s":0.5,"t":\#(far)}"#), TestMessage(), into: &event) == .success(false))
        #expect(event.tsMs == 1_767_225_600_000, "\(far)")
        #expect(m.map(try tree(#"{"s":0.5,"t":\#(far)}"#), TestMessage(timestampMs: .min), into: &event) == .success(false))
        #expect(event.tsMs == 0, "\(far)")
    }
    #expect(m.map(try tree(#"{"s":0.5,"t":253402300799999}"#), TestMessage(), into: &event) == .success(false))
    #expect(event.tsMs == 253_402_300_799_999)
}

@Test func recordsWithoutKeyOrScoreAreUnmappable() throws {
    let m = try mapping(["key": "/id", "score": "/score"])
    var event = ScoredEvent()
    #expect(m.map(try tree(#"{"score":0.5}"#), TestMessage(), into: &event) == .failure(.noKey))
    #expect(m.map(try tree(#"{"id":{"nested":1},"score":0.5}"#), TestMessage(), into: &event) == .failure(.noKey))
    #expect(m.map(try tree(#"{"id":"a"}"#), TestMessage(), into: &event) == .failure(.noScore))
    #expect(m.map(try tree(#"{"id":"a","score":"high"}"#), TestMessage(), into: &event) == .failure(.noScore))
    #expect(m.map(try tree(#"[1,2]"#), TestMessage(), into: &event) == .failure(.noKey))
    // A numeric key is its JSON text; a version that is not a number is left unknown.
    let v = try mapping(["key": "/id", "score": "/score", "version": "/v"])
    #expect(v.map(try tree(#"{"id":12,"score":1,"v":"latest"}"#), TestMessage(), into: &event) == .success(false))
    #expect(event.key == "12")
}
