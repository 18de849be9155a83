import Testing
import PipeTopCore

private func tree(_ json: String) throws -> DecodedValue {
    var decoder = MessageDecoder(format: .json)
    return try decoder.decode(Array(json.utf8))
}

private func topic(_ fields: [String: String]) throws -> TopicMapping {
    TopicMapping(format: .json, fields: try fields.mapValues { try FieldSelector(parsing: $0) })
}

/// The events of one models message, given as JSON text (its bytes are the raw value).
private func publish(_ m: inout ModelsMapping, _ json: String, at ts: Int64 = 1_000) throws -> Result<[ModelEvent], Unmappable> {
    let value = try tree(json)
    return Array(json.utf8).withUnsafeBytes { raw in m.map(value, raw: raw, TestMessage(timestampMs: ts)).map(\.events) }
}

private func summary(_ result: Result<[ModelEvent], Unmappable>) -> [String] {
    switch result {
    case .success(let events): events.map { "\($0.model) v\($0.version) \($0.event.rawValue)" }
    case .failure(let reason): ["unmappable: \(reason.rawValue)"]
    }
}

@Test func eachDistinctArtifactIsAVersionAndTheNewestMessageServes() throws {
    var m = ModelsMapping(pipeline: "wine", try topic(["model": "/name", "artifact": "/data", "description": "/note"]), servingFromModels: true)
    #expect(summary(try publish(&m, #"{"name":"rf","data":"AAA","note":"first"}"#)) == ["rf v1 published", "rf v1 promoted"])
    #expect(summary(try publish(&m, #"{"name":"rf","data":"BBB"}"#)) == ["rf v2 published", "rf v2 promoted"])
    // The same artifact again (other fields aside) is version 1 again: a rollback by re-publishing.
    #expect(summary(try publish(&m, #"{"name":"rf","data":"AAA","note":"again"}"#)) == ["rf v1 promoted"])
    #expect(summary(try publish(&m, #"{"name":"rf","data":"AAA"}"#)) == [])
    // Another model counts its own versions.
    #expect(summary(try publish(&m, #"{"name":"gbm","data":"AAA"}"#)) == ["gbm v1 published", "gbm v1 promoted"])
    #expect(summary(try publish(&m, #"{"name":"rf","data":"CCC"}"#)) == ["rf v3 published", "rf v3 promoted"])
    #expect(summary(try publish(&m, #"{"name":"rf","note":"no data"}"#)) == ["unmappable: no artifact"])
}

@Test func aPublishedVersionCarriesItsIdentityAndDescription() throws {
    var m = ModelsMapping(pipeline: "wine", try topic(["artifact": "/data", "description": "/note", "ts": "/at"]), servingFromModels: false)
    let events = try publish(&m, #"{"data":"model-bytes","note":"retrained on May","at":1714557600250}"#).get()
    #expect(events.count == 1)
    let e = try #require(events.first)
    #expect(e.pipeline == "wine" && e.model == "wine" && e.version == 1 && e.event == .published)
    #expect(e.description == "retrained on May")
    #expect(e.tsMs == 1_714_557_600_250)
    #expect(e.artifact?.sha256 == SHA256.hex("model-bytes"))
    #expect(e.artifact?.bytes == 11)
    // Serving comes from the scored records here: no promotion from the models topic.
    #expect(summary(try publish(&m, #"{"data":"other"}"#)) == ["wine v2 published"])
}

@Test func aRepublishedOldVersionServesFromTheMessagesTimeNotItsOwn() throws {
    var m = ModelsMapping(pipeline: "wine", try topic(["artifact": "/data", "ts": "/trained"]), servingFromModels: true)
    _ = try publish(&m, #"{"data":"AAA","trained":100}"#, at: 1_000)
    _ = try publish(&m, #"{"data":"BBB","trained":200}"#, at: 2_000)
    // v1's message sent again at 3,000 still says it was trained at 100: its promotion is at
    // 3,000, after v2's, so the registry takes it as the newest step.
    let events = try publish(&m, #"{"data":"AAA","trained":100}"#, at: 3_000).get()
    #expect(events.map(\.version) == [1] && events.map(\.event) == [.promoted] && events.map(\.tsMs) == [3_000])
    let value = try tree(#"{"data":"AAA","trained":100}"#)
    let mapped = Array(#"{"data":"AAA","trained":100}"#.utf8).withUnsafeBytes { m.map(value, raw: $0, TestMessage(timestampMs: 4_000)) }
    #expect(try mapped.get().version == VersionKey(model: "wine", version: 1))
    #expect(try mapped.get().events.isEmpty)
}

@Test func withoutAnArtifactTheWholeValueIsTheIdentity() throws {
    var m = ModelsMapping(pipeline: "wine", try topic(["version": "/v"]), servingFromModels: true)
    let first = #"{"v":7,"weights":[1,2]}"#
    let events = try publish(&m, first).get()
    #expect(events.first?.artifact?.sha256 == SHA256.hex(first))
    #expect(events.map(\.version) == [7, 7])
    // Same bytes, same version; a version that is not a number is unmappable.
    #expect(summary(try publish(&m, first)) == [])
    #expect(summary(try publish(&m, #"{"v":"latest"}"#)) == ["unmappable: no numeric version"])
    #expect(summary(try publish(&m, #"{"v":"v8"}"#)) == ["wine v8 published", "wine v8 promoted"])
}

@Test func labelsMapToLabelEvents() throws {
    let m = LabelsMapping(pipeline: "wine", try topic(["key": "/id", "label": "/outcome", "ts": "/at"]))
    let event = try m.map(try tree(#"{"id":"r-1","outcome":"fraud","at":"2026-01-01T00:00:00Z"}"#), TestMessage()).get()
    #expect(event == LabelEvent(pipeline: "wine", tsMs: 1_767_225_600_000, key: "r-1", label: .text("fraud")))
    #expect(throws: Unmappable.noLabel) { try m.map(try tree(#"{"id":"r-2"}"#), TestMessage()).get() }
    #expect(throws: Unmappable.noKey) { try m.map(try tree(#"{"outcome":1}"#), TestMessage()).get() }
    // Defaults: the message key and timestamp.
    let byKey = LabelsMapping(pipeline: "wine", try topic(["label": "/outcome"]))
    #expect(try byKey.map(try tree(#"{"outcome":true}"#), TestMessage()).get() == LabelEvent(pipeline: "wine", tsMs: 1_767_225_600_000, key: "k-7", label: .number(1)))
}
