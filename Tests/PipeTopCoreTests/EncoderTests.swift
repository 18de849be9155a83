import Testing
import PipeTopCore

private func roundTrip(_ event: Event) throws -> Event {
    var decoder = EventDecoder()
    return try decoder.decode(EventEncoder.encode(event))
}

@Test func encodesCompactSnakeCaseWithTypeFirstAndNoNilOptionals() {
    let e = Event.scored(ScoredEvent(pipeline: "fraud", tsMs: 1_764_000_000_123, key: "txn-1", model: "fraud-lr", version: 7,
                                     score: 0.8731, prediction: .number(1), latencyUs: 412,
                                     features: [NamedValue(name: "amount", value: 1234.5)]))
    #expect(EventEncoder.encode(e)
        == #"{"type":"scored","pipeline":"fraud","ts_ms":1764000000123,"key":"txn-1","model":"fraud-lr","version":7,"role":"primary","score":0.8731,"prediction":1,"latency_us":412,"features":{"amount":1234.5}}"#)
}

@Test func encodesEscapesAndExactNumbers() {
    let e = Event.label(LabelEvent(pipeline: "a\"b\\c\n\u{01}é😀", tsMs: -5, contractVersion: 2, key: "k", label: .number(1e-7)))
    #expect(EventEncoder.encode(e) == #"{"type":"label","pipeline":"a\"b\\c\n\u0001é😀","ts_ms":-5,"v":2,"key":"k","label":1e-07}"#)
}

@Test func nonFiniteNumbersEncodeAsNullAndAreRejectedOnDecode() {
    let e = Event.scored(ScoredEvent(pipeline: "p", key: "k", model: "m", score: .nan, latencyUs: .infinity))
    let text = EventEncoder.encode(e)
    #expect(text.contains(#""score":null"#) && text.contains(#""latency_us":null"#))
    var decoder = EventDecoder()
    #expect(throws: DecodeError.self) { try decoder.decode(text) }
}

@Test func everyTypeRoundTripsWithAllOptionalFields() throws {
    let hist = ReferenceHistogram(edges: [0.1, 2.5e3], counts: [1, 2, 3], n: 6, sample: [-0.0, 1e-7, -1.5e-300])
    let events: [Event] = [
        .metrics(MetricsEvent(pipeline: "p☃", tsMs: 1, contractVersion: 3, instance: "i-1", stage: "score", recordsIn: UInt64.max,
                              recordsOut: 2, errors: 3, lag: -4, latencyLeUs: [100, 250.5], latencyCounts: [1, 2, 3],
                              serving: [ServingEntry(model: "m", version: 7, role: .shadow)])),
        .model(ModelEvent(pipeline: "p", tsMs: 2, model: "m\t", version: 9, event: .rolledBack, description: "d\"", parent: 8,
                          toVersion: 7, cause: "c", detail: "why", instance: "i", metrics: [NamedValue(name: "auc", value: 0.91)],
                          artifact: Artifact(format: "onnx", sha256: "00ff", bytes: 123, data: "{\"w\":1}", uri: "s3://b/k"),
                          reference: Reference(score: hist, features: ["amount": hist, "日本": ReferenceHistogram(edges: [], counts: [5], n: 5)]))),
        .scored(ScoredEvent(pipeline: "p", tsMs: TimestampText.supportedMilliseconds.upperBound, contractVersion: 2, key: "k\u{0}", model: "m", version: -1, role: .shadow,
                            score: -2.5e-3, prediction: .text("fraud"), label: .number(0), latencyUs: 0.25,
                            features: [NamedValue(name: "\u{1F}x", value: -1e22), NamedValue(name: "y", value: 1e23)], strategy: "ab")),
        .label(LabelEvent(pipeline: "p", tsMs: 0, key: "k", label: .text("yes"))),
        .control(ControlCommand(pipeline: "p", tsMs: 5, id: "id", action: .retire, model: "m", version: 3, fromVersion: 2,
                                requestedBy: "bob", reason: "bad")),
        .ack(Ack(pipeline: "p", tsMs: 6, id: "id", status: .rejected, detail: "not serving")),
    ]
    for e in events {
        #expect(try roundTrip(e) == e)
    }
}

@Test func randomEventsRoundTrip() throws {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<500 {
        let e = EventSamples.event(&rng)
        #expect(try roundTrip(e) == e, "\(EventEncoder.encode(e))")
    }
}

@Test func encodeIntoAppendsToExistingBytes() {
    var out = Array("x".utf8)
    EventEncoder.encode(.ack(Ack(pipeline: "p", tsMs: 1, id: "i", status: .applied)), into: &out)
    #expect(String(decoding: out, as: UTF8.self) == #"x{"type":"ack","pipeline":"p","ts_ms":1,"id":"i","status":"applied"}"#)
}
