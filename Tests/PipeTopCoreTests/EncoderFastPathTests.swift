import Testing

@testable import PipeTopCore

// The encoder's shortcuts, checked against the plain forms they replace.
@Test func integersAreWrittenAsTheirDescription() {
    let values: [Int64] = [0, 1, -1, 9, 10, -10, 1_764_000_000_000, Int64.max, Int64.min, Int64.min + 1]
    for v in values {
        var w = JSONWriter([])
        w.int64(v)
        #expect(String(decoding: w.out, as: UTF8.self) == v.description)
    }
    var w = JSONWriter([])
    w.int(UInt64.max)
    w.int(Int32.min)
    #expect(String(decoding: w.out, as: UTF8.self) == UInt64.max.description + Int32.min.description)
}

@Test func aScoredRecordEncodesTheSameWithOrWithoutAnEvent() {
    let records = [
        ScoredEvent(pipeline: "fraud", tsMs: 1_764_000_000_000, key: "tx\"1", model: "m", version: 3, role: .shadow,
                    score: 0.9572, prediction: .number(1), label: .text("yes"), latencyUs: 1450.5,
                    features: [NamedValue(name: "amount", value: -2754.13)], strategy: "canary"),
        ScoredEvent(pipeline: "p", tsMs: -5, contractVersion: 2, key: "", model: "m", version: -1, score: -0.0),
    ]
    for e in records {
        var viaEvent: [UInt8] = [1]
        var direct: [UInt8] = [1]
        EventEncoder.encode(.scored(e), into: &viaEvent)
        EventEncoder.encode(scored: e, into: &direct)
        #expect(viaEvent == direct)
    }
}
