import Testing
import PipeTopCore

/// Decodes `text`, returning the error it throws (nil when it decodes).
private func failure(_ text: String, maxDepth: Int = 64, maxMessageBytes: Int = 16 << 20) -> DecodeError? {
    var decoder = EventDecoder(maxDepth: maxDepth, maxMessageBytes: maxMessageBytes)
    do throws(DecodeError) {
        _ = try decoder.decode(text)
        return nil
    } catch {
        return error
    }
}

private func decode(_ text: String) throws -> Event {
    var decoder = EventDecoder()
    return try decoder.decode(text)
}

/// Byte offset of the first occurrence of `marker` in `text`, plus `plus`.
private func offset(of marker: String, in text: String, plus: Int = 0) -> Int {
    let t = Array(text.utf8), m = Array(marker.utf8)
    for i in 0...(t.count - m.count) where Array(t[i..<i + m.count]) == m { return i + plus }
    return -1
}

private let scoredHead = #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1"#

@Test func scoredLiteralDecodesEveryField() throws {
    let e = try decode(EventSamples.scored)
    let expected = ScoredEvent(pipeline: "fraud", tsMs: 1_764_000_000_123, key: "txn-000123456", model: "fraud-lr", version: 7,
                               role: .primary, score: 0.8731, prediction: .number(1), latencyUs: 412,
                               features: [NamedValue(name: "amount", value: 1234.5), NamedValue(name: "age_days", value: 37),
                                          NamedValue(name: "country_risk", value: 0.12)])
    #expect(e == .scored(expected))
}

@Test func metricsLiteralDecodesBucketsAndServing() throws {
    guard case .metrics(let m) = try decode(EventSamples.metrics) else { Issue.record("not metrics"); return }
    #expect(m.instance == "scorer-1" && m.stage == "score")
    #expect(m.recordsIn == 120_034 && m.recordsOut == 120_001 && m.errors == 3 && m.lag == 42)
    #expect(m.latencyLeUs == [100, 250, 500, 1000] && m.latencyCounts == [10, 80, 115, 119, 120])
    #expect(m.serving == [ServingEntry(model: "fraud-lr", version: 7, role: .primary), ServingEntry(model: "fraud-lr", version: 8, role: .shadow)])
}

@Test func modelLiteralDecodesArtifactAndReference() throws {
    guard case .model(let m) = try decode(EventSamples.model) else { Issue.record("not model"); return }
    #expect(m.event == .candidate && m.version == 8 && m.parent == 7 && m.cause == "c-1" && m.toVersion == nil)
    #expect(m.metrics == [NamedValue(name: "auc", value: 0.91), NamedValue(name: "logloss", value: 0.31)])
    #expect(m.artifact == Artifact(format: "lr-json", sha256: "ab12", bytes: 2048, data: #"{"w":[0.1,0.2]}"#))
    #expect(m.reference?.score == ReferenceHistogram(edges: [0.2, 0.5], counts: [400, 350, 250], n: 1000, sample: [0.1, 0.4, 0.9]))
    #expect(m.reference?.features["amount"] == ReferenceHistogram(edges: [100], counts: [600, 400], n: 1000))
}

@Test func labelControlAndAckLiteralsDecode() throws {
    #expect(try decode(EventSamples.label) == .label(LabelEvent(pipeline: "fraud", tsMs: 1_764_000_090_000, key: "txn-000123456", label: .number(1))))
    let id = "7f1c7e2a-0b8e-4a0e-9d1a-2b3c4d5e6f70"
    #expect(try decode(EventSamples.control) == .control(ControlCommand(
        pipeline: "fraud", tsMs: 1_764_000_100_000, id: id, action: .promote, model: "fraud-lr", version: 8,
        fromVersion: 7, requestedBy: "alice", reason: "auc +0.02")))
    #expect(try decode(EventSamples.ack) == .ack(Ack(pipeline: "fraud", tsMs: 1_764_000_100_250, id: id, status: .applied, detail: "duplicate")))
}

@Test func typeNeedNotComeFirstAndUnknownNestedFieldsAreSkipped() throws {
    let text = #" { "extra" : {"a":[1,{"b":null},"x\"y",true,false,-0.5e-3]}, "pipeline":"p","ts_ms":1,"type":"label","key":"k","label":"fraud","zz":[] } "#
    #expect(try decode(text) == .label(LabelEvent(pipeline: "p", tsMs: 1, key: "k", label: .text("fraud"))))
}

@Test func escapesUnicodeAndSurrogatePairsDecode() throws {
    let text = #"{"type":"label","pipeline":"caf\u00e9 \ud83d\ude00 日本","ts_ms":1,"key":"\"\\\/\b\f\n\r\t\u0000","label":"ü"}"#
    guard case .label(let l) = try decode(text) else { Issue.record("not label"); return }
    #expect(l.pipeline == "café 😀 日本")
    #expect(l.key == "\"\\/\u{08}\u{0C}\n\r\t\u{00}")
    #expect(l.label == .text("ü"))
}

@Test func numbersDecodeExactlyAsDoubleFromString() throws {
    let literals = ["1e-7", "2.5E+3", "-0.5", "-0", "0.1", "0.30000000000000004", "9007199254740993", "123456789012345678901234567890",
                    "2.2250738585072011e-308", "4.9e-324", "1.7976931348623157e308", "1e23", "8.98846567431158e307", "1e-400", "0.000001234e10"]
    for literal in literals {
        guard case .scored(let s) = try decode(scoredHead + #","score":\#(literal)}"#) else { Issue.record("not scored"); continue }
        let expected = Double(literal) ?? .nan
        #expect(s.score == expected && s.score.sign == expected.sign, "\(literal)")
    }
}

@Test func integersAcceptIntegralForms() throws {
    guard case .scored(let s) = try decode(#"{"type":"scored","pipeline":"p","ts_ms":1.764e12,"key":"k","model":"m","version":7e0,"score":0}"#) else {
        Issue.record("not scored")
        return
    }
    #expect(s.tsMs == 1_764_000_000_000 && s.version == 7)
}

@Test func timesOutsideTheSupportedYearsAreRefusedWithTheirRange() {
    // Times are differenced everywhere in the store; 1970 to 9999 keeps every difference in range.
    for literal in ["-1", "253402300800000", "9223372036854775807", "-9223372036854775808"] {
        #expect {
            _ = try decode(#"{"type":"model","pipeline":"p","ts_ms":\#(literal),"model":"m","version":1,"event":"promoted"}"#)
        } throws: { error in
            (error as? DecodeError)?.field == "model.ts_ms" && (error as? DecodeError)?.expected?.contains("1970 to 9999") == true
        }
    }
    #expect(throws: Never.self) {
        _ = try decode(#"{"type":"model","pipeline":"p","ts_ms":253402300799999,"model":"m","version":1,"event":"promoted"}"#)
        _ = try decode(#"{"type":"model","pipeline":"p","ts_ms":0,"model":"m","version":1,"event":"promoted"}"#)
    }
}

@Test func duplicateFieldsLastWinsAndNullOptionalsAreAbsent() throws {
    let text = scoredHead + #","score":1,"score":2,"label":1,"label":null,"features":{"a":1},"features":{"b":2}}"#
    guard case .scored(let s) = try decode(text) else { Issue.record("not scored"); return }
    #expect(s.score == 2 && s.label == nil && s.features == [NamedValue(name: "b", value: 2)])
}

@Test func malformedMessagesReportKindAndOffset() {
    let deep = #"{"type":"scored","x":[[[[1]]]]}"#
    let counts = #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","latency_le_us":[1,2],"latency_counts":[1]}"#
    let int64Range = "an integer from -9223372036854775808 to 9223372036854775807"
    let cases: [(String, DecodeError.Kind, Int)] = [
        ("", .unexpectedEnd, 0),
        ("  [1]", .notAnObject, 2),
        (#"{"type":"scored""#, .unexpectedEnd, 16),
        (#"{"type":"nope","pipeline":"p"}"#, .unknownType("nope"), 8),
        (#"{"pipeline":"p","ts_ms":1}"#, .missingField("type"), 25),
        (scoredHead + #"}"#, .missingField("scored.score"), scoredHead.utf8.count),
        (scoredHead + #","score":"high"}"#, .wrongType(field: "scored.score", expected: "a number"), scoredHead.utf8.count + 9),
        (scoredHead + #","score":NaN}"#, .invalidNumber, scoredHead.utf8.count + 9),
        (scoredHead + #","score":-Infinity}"#, .invalidNumber, scoredHead.utf8.count + 10),
        (scoredHead + #","score":1e400}"#, .numberOutOfRange(field: "scored.score", expected: "a finite number"), scoredHead.utf8.count + 9),
        (scoredHead + #","score":01}"#, .invalidNumber, scoredHead.utf8.count + 10),
        (scoredHead + #","score":1.}"#, .invalidNumber, scoredHead.utf8.count + 11),
        (#"{"type":"scored","ts_ms":1.5}"#, .wrongType(field: "scored.ts_ms", expected: "an integer"), 25),
        (#"{"type":"scored","ts_ms":99999999999999999999}"#, .numberOutOfRange(field: "scored.ts_ms", expected: int64Range), 25),
        (#"{"type":"scored","key":"a\x"}"#, .invalidEscape, 25),
        (#"{"type":"scored","key":"\ud800x"}"#, .invalidEscape, 24),
        (#"{"type":"scored","key":"\udc00"}"#, .invalidEscape, 24),
        ("{\"type\":\"scored\",\"key\":\"a\u{01}\"}", .controlCharacter, 25),
        (scoredHead + #","score":1} x"#, .trailingGarbage, scoredHead.utf8.count + 12),
        (scoredHead + #","role":"tertiary","score":1}"#, .invalidValue(field: "scored.role", expected: #"one of "primary", "shadow""#), scoredHead.utf8.count + 8),
        (#"{"type":"scored","type":"label"}"#, .invalidValue(field: "scored.type", expected: #""scored", as the first "type""#), 24),
        (#"{"type":"metrics","records_in":-1}"#, .numberOutOfRange(field: "metrics.records_in", expected: "an integer from 0 to 18446744073709551615"), 31),
        (counts, .invalidValue(field: "metrics.latency_counts", expected: "2 or 3 counts (one per bound of latency_le_us, maybe one more for +Inf)"), offset(of: "[1]", in: counts)),
        (deep, .nestingTooDeep, offset(of: "[[[[", in: deep, plus: 3)),
        (#"{"type":"scored",}"#, .unexpectedByte(UInt8(ascii: "}")), 17),
        (#"{"type":"scored" "key":"k"}"#, .unexpectedByte(UInt8(ascii: "\"")), 17),
    ]
    for (text, kind, at) in cases {
        let e = failure(text, maxDepth: 4)
        #expect(e == DecodeError(kind, at: at), "\(text)")
    }
}

@Test func invalidUTF8InStringsIsRejectedAtTheBadSequence() {
    let prefix = Array(#"{"type":"label","key":""#.utf8)
    for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80], [0xE2, 0x82, 0x41]] {
        var decoder = EventDecoder()
        do throws(DecodeError) {
            _ = try decoder.decode(prefix + bad + Array(#"x"}"#.utf8))
            Issue.record("accepted \(bad)")
        } catch {
            #expect(error == DecodeError(.invalidUTF8, at: prefix.count))
        }
    }
}

@Test func messageSizeIsCheckedBeforeParsing() {
    #expect(failure(EventSamples.scored, maxMessageBytes: 100) == DecodeError(.messageTooLarge, at: 100))
}

@Test func errorDescriptionNamesTheFieldAndOffset() {
    #expect(DecodeError(.missingField("score"), at: 57).description == #"missing field "score" at byte 57"#)
}

@Test func hotPathMatchesGenericPathOnEverySample() throws {
    var decoder = EventDecoder()
    var scratch = ScoredEvent()
    for text in EventSamples.all {
        let generic = try decoder.decode(text)
        let hot = try decoder.decode(Array(text.utf8), scoredInto: &scratch)
        switch hot {
        case .scored: #expect(generic == .scored(scratch))
        case .other(let e): #expect(generic == e)
        }
    }
}

@Test func scratchReuseDoesNotLeakFieldsFromThePreviousRecord() throws {
    var decoder = EventDecoder()
    var scratch = ScoredEvent()
    let full = scoredHead + #","v":3,"role":"shadow","score":0.5,"prediction":"a","label":true,"latency_us":9,"strategy":"ab","features":{"x":1,"y":2,"z":3}}"#
    let bare = scoredHead + #","score":0.25,"features":{"x":4}}"#
    _ = try decoder.decode(Array(full.utf8), scoredInto: &scratch)
    #expect(scratch.label == .number(1) && scratch.features.count == 3 && scratch.role == .shadow)
    #expect(try decoder.decode(Array(bare.utf8), scoredInto: &scratch) == .scored)
    #expect(scratch == ScoredEvent(pipeline: "p", tsMs: 1, key: "k", model: "m", version: 1, score: 0.25, features: [NamedValue(name: "x", value: 4)]))
    _ = try decoder.decode(Array((scoredHead + #","score":1}"#).utf8), scoredInto: &scratch)
    #expect(scratch.features.isEmpty)
}

@Test func memberNamesOfEveryLengthAndPlacementAreMatchedExactly() throws {
    // Names around the 8- and 16-byte word boundaries, known names with a suffix, and the
    // message ending right after a short name, all through the fast and the general path.
    let names = (0...18).map { String(repeating: "x", count: $0) } + ["typex", "keyy", "score_", "features2", "latency_counts_", "pipelinepipeline"]
    for name in names {
        let text = #"{"type":"label","pipeline":"p","ts_ms":1,"key":"k","\#(name)":[1],"label":1}"#
        #expect(try decode(text) == .label(LabelEvent(pipeline: "p", tsMs: 1, key: "k", label: .number(1))), "\(name)")
        let last = #"{"type":"label","pipeline":"p","ts_ms":1,"key":"k","label":1,"\#(name)":1}"#
        #expect(try decode(last) == .label(LabelEvent(pipeline: "p", tsMs: 1, key: "k", label: .number(1))), "\(name)")
    }
}

@Test func prettyPrintedAndCompactMessagesDecodeAlike() throws {
    for text in EventSamples.all {
        var pretty = ""
        var inString = false
        var escaped = false
        for c in text {
            pretty.append(c)
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "," || c == "{" || c == "[" || c == ":" {
                pretty += "\n\t  \r"
            }
        }
        #expect(try decode(" \n" + pretty + "\n ") == decode(text))
    }
}

@Test func shortAndLongNumbersTakeTheSameValueOnEveryPath() throws {
    let literals = ["123456789012345", "1234567890123456", "0.000000000000001", "0.0000000000000001", "-0.0", "999999999999999.9",
                    "123456789012345678", "1234567890123456789", "-9223372036854775807", "1.5e0", "100000000000000000000000"]
    for literal in literals {
        let expected = Double(literal) ?? .nan
        guard case .scored(let s) = try decode(scoredHead + #","score":\#(literal),"latency_us":\#(literal)}"#) else { continue }
        #expect(s.score == expected && s.latencyUs == expected && s.score.sign == expected.sign, "\(literal)")
    }
    for literal in ["253402300799999", "123456789012345", "1764000000000", "0", "-0", "7e2", "7.0", "1.764e12"] {
        guard case .label(let l) = try decode(#"{"type":"label","pipeline":"p","key":"k","label":1,"ts_ms":\#(literal)}"#) else { continue }
        #expect(l.tsMs == Int64(literal) ?? Int64(exactly: Double(literal) ?? .nan), "\(literal)")
    }
    // Long integers past the supported times are refused on every path alike.
    for literal in ["123456789012345678", "1234567890123456789", "-9223372036854775807", "9223372036854775807", "253402300800000"] {
        #expect(throws: DecodeError.self, "\(literal)") {
            _ = try decode(#"{"type":"label","pipeline":"p","key":"k","label":1,"ts_ms":\#(literal)}"#)
        }
    }
}

@Test func scratchReuseKeepsTheStorageOfRepeatedLongStrings() throws {
    // Names longer than 15 bytes live on the heap; a repeat must not allocate a new copy.
    func storage(_ s: String) -> UnsafePointer<UInt8>? { s.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil }
    func record(_ score: Double) -> [UInt8] {
        Array(#"{"type":"scored","pipeline":"fraud-detection-eu-west","ts_ms":1,"key":"k","model":"gradient-boosted-trees","version":1,"score":\#(score),"features":{"transaction_amount_eur":1,"merchant_country_risk":2}}"#.utf8)
    }
    var decoder = EventDecoder()
    var scratch = ScoredEvent()
    _ = try decoder.decode(record(0.1), scoredInto: &scratch)
    let before = [scratch.pipeline, scratch.model, scratch.features[0].name, scratch.features[1].name].map(storage)
    _ = try decoder.decode(record(0.2), scoredInto: &scratch)
    let after = [scratch.pipeline, scratch.model, scratch.features[0].name, scratch.features[1].name].map(storage)
    #expect(scratch.score == 0.2)
    #expect(before.allSatisfy { $0 != nil } && before == after)
}
