import Foundation
import Testing

@testable import PipeTopCore

private func parse(_ text: String) throws -> DecodedValue {
    var decoder = MessageDecoder(format: .json)
    return try decoder.decode(Array(text.utf8))
}

@Test func jsonTreeKeepsEveryValueAndItsOrder() throws {
    let tree = try parse(#"{"b":1,"a":[true,false,null],"s":"x\u00e9\n","d":-2.5,"big":18446744073709551615,"huge":1e400,"n":-9223372036854775808}"#)
    #expect(tree == .object([
        DecodedMember("b", .int(1)),
        DecodedMember("a", .array([.bool(true), .bool(false), .null])),
        DecodedMember("s", .string("xé\n")),
        DecodedMember("d", .double(-2.5)),
        DecodedMember("big", .uint(18_446_744_073_709_551_615)),
        DecodedMember("huge", .decimal("1e400")),
        DecodedMember("n", .int(.min)),
    ]))
    // Written back compactly, numbers exact, members in order.
    #expect(tree.jsonText == #"{"b":1,"a":[true,false,null],"s":"xé\n","d":-2.5,"big":18446744073709551615,"huge":1e400,"n":-9223372036854775808}"#)
}

@Test func jsonTreeAgreesWithFoundation() throws {
    let text = #"{"id":"k-1","result":{"score":0.875,"label":"fraud"},"input":{"amount":12.5,"n":3},"tags":["a","b"],"ok":true}"#
    let ours = try JSONSerialization.jsonObject(with: Data(try parse(text).jsonBytes())) as? NSDictionary
    let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
    #expect(ours == theirs)
}

@Test(arguments: [
    ("", "invalid JSON: message ends inside a value at byte 0"),
    ("{\"a\":1", "invalid JSON: message ends inside a value at byte 6"),
    ("[1,2]x", "invalid JSON: unexpected data after the JSON object at byte 5"),
    ("NaN", "invalid JSON: invalid number (JSON allows no NaN, Infinity, leading zeros or bare '.') at byte 0"),
])
func jsonTreeRejectsBadInput(text: String, message: String) {
    #expect(throws: ValueDecodeError.self) { try parse(text) }
    do { _ = try parse(text) } catch { #expect("\(error)" == message) }
}

@Test func jsonTreeRefusesDeepNesting() throws {
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(throws: ValueDecodeError.self) { try parse(deep) }
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(try parse(ok) != .null)
}

@Test func naturalJSONWritesBytesAsBase64AndNonFiniteAsStrings() {
    let value = DecodedValue.object([
        DecodedMember("raw", .bytes([0, 1, 2, 250, 251, 252, 253])),
        DecodedMember("nan", .double(.nan)),
        DecodedMember("inf", .double(.infinity)),
        DecodedMember("ninf", .double(-.infinity)),
        DecodedMember("price", .decimal("-12.340")),
    ])
    #expect(value.jsonText == #"{"raw":"AAEC+vv8/Q==","nan":"NaN","inf":"Infinity","ninf":"-Infinity","price":-12.340}"#)
    #expect(Base64.string([0, 1, 2, 250, 251, 252, 253]) == Data([0, 1, 2, 250, 251, 252, 253]).base64EncodedString())
}

@Test func base64RoundTripsAgainstFoundation() {
    var generator = SeededGenerator(seed: 7)
    for length in 0..<64 {
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = Data(bytes).base64EncodedString()
        #expect(Base64.string(bytes) == text)
        #expect(Base64.decode(text) == bytes)
    }
    #expect(Base64.decode("a") == nil)
    #expect(Base64.decode("ab!=") == nil)
}

@Test func jsonPointersFollowRFC6901() throws {
    // The example document of RFC 6901, section 5.
    let doc = try parse(#"{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}"#)
    let cases: [(String, DecodedValue?)] = [
        ("", doc), ("/foo", .array([.string("bar"), .string("baz")])), ("/foo/0", .string("bar")), ("/", .int(0)),
        ("/a~1b", .int(1)), ("/c%d", .int(2)), ("/e^f", .int(3)), ("/g|h", .int(4)), ("/i\\j", .int(5)),
        ("/k\"l", .int(6)), ("/ ", .int(7)), ("/m~0n", .int(8)),
        ("/foo/2", nil), ("/foo/01", nil), ("/foo/-", nil), ("/nope", nil), ("/foo/0/x", nil),
    ]
    for (text, expected) in cases {
        let pointer = try JSONPointer(parsing: text)
        #expect(pointer.resolve(in: doc) == expected, "\(text)")
        #expect(pointer.description == text)
    }
    #expect(throws: JSONPointer.ParseError.self) { try JSONPointer(parsing: "foo") }
    #expect(throws: JSONPointer.ParseError.self) { try JSONPointer(parsing: "/a~") }
}

@Test func filtersReadDecodedValuesByPointerAndByName() throws {
    let value = try parse(#"{"id":"k1","score":0.93,"role":"shadow","result":{"label":"fraud","p":0.7},"features":{"amount":120},"ok":true,"note":null}"#)
    func matches(_ text: String) throws -> Bool { try RecordFilter(parsing: text).matches(value) }
    #expect(try matches("/result/p > 0.5"))
    #expect(try matches("/result/p>0.5 and /result/label == \"fraud\""))
    #expect(try !matches("/result/p > 0.8"))
    #expect(try matches("/result/label ~ /^fr/"))
    #expect(try matches("/result/label~/^FR/i"))
    #expect(try matches("/a~1b == 2 or /id == \"k1\""))
    #expect(try matches("has(/result/label)"))
    #expect(try !matches("has(/result/missing)"))
    #expect(try !matches("has(/note)"))
    #expect(try matches("score > 0.9 and features.amount >= 120 and role == shadow"))
    #expect(try matches("/ok == true"))
    #expect(try matches("not /result/p > 0.8"))
}

@Test func pointerFiltersReadTheContractFieldTheyName() throws {
    var e = ScoredEvent()
    e.score = 0.95
    e.key = "k"
    e.features = [NamedValue(name: "amount", value: 3)]
    #expect(try RecordFilter(parsing: "/score > 0.9 and /features/amount == 3 and /key == \"k\"").matches(e))
    #expect(try !RecordFilter(parsing: "has(/result/score)").matches(e))
}

@Test func treeColumnsTakePointersOrNames() throws {
    let value = try parse(#"{"id":"k1","result":{"score":0.5},"tags":["a"],"none":null}"#)
    let columns = try TreeColumn.list(parsing: "id,/result/score /tags,none,/missing")
    #expect(columns.map(\.header) == ["id", "/result/score", "/tags", "none", "/missing"])
    #expect(columns.map { $0.cell(value) } == ["k1", "0.5", #"["a"]"#, "", ""])
    #expect(columns.map { $0.isNumeric(value) } == [false, true, false, false, false])
    #expect(TreeColumn.defaults(for: value).map(\.header) == ["id", "result", "tags", "none"])
    #expect(TreeColumn.defaults(for: .string("x")).map { $0.cell(.string("x")) } == ["x"])
}

@Test func rawValuesAreTextWhenUTF8ElseBytes() {
    #expect(Array("héllo".utf8).withUnsafeBytes(MessageDecoder.raw) == .string("héllo"))
    #expect([UInt8]([0xff, 0x00]).withUnsafeBytes(MessageDecoder.raw) == .bytes([0xff, 0x00]))
}

@Test func autoReadsJSONElseRaw() throws {
    var decoder = MessageDecoder(format: .auto)
    #expect(try decoder.decode(Array(#"{"a":1}"#.utf8)) == .object([DecodedMember("a", .int(1))]))
    #expect(try decoder.decode(Array("plain text".utf8)) == .string("plain text"))
}

@Test func framedMessageWithoutARegistrySaysSo() {
    var decoder = MessageDecoder(format: .auto)
    let framed: [UInt8] = [0, 0, 0, 0, 42, 2, 8]
    do throws(ValueDecodeError) {
        _ = try decoder.decode(framed)
        Issue.record("decoded without a registry")
    } catch {
        #expect(error.reason.contains("schema id 42"))
        #expect(error.reason.contains("no schema registry is configured"))
    }
}

@Test func relativeStartTimes() throws {
    #expect(try StartPosition(parsing: "@-10m", nowMs: 1_000_000_000) == .timestamp(1_000_000_000 - 600_000))
    #expect(try StartPosition(parsing: "@-1.5s", nowMs: 10_000) == .timestamp(8_500))
    #expect(throws: ArgumentValueError.self) { try StartPosition(parsing: "@-soon") }
}

@Test func doublesPrintAsSwiftDescribesThem() {
    // Short decimals (the fast path) and doubles of every size and precision (the general one).
    var generator = SeededGenerator(seed: 11)
    var values: [Double] = [0.1, 0.2, 0.30000000000000004, 1e-4, 0.0001234, 9.99999999e8, 1e9, 123456789.123, -0.5, 1.5e-7, 5e-324,
                            .greatestFiniteMagnitude, 2.5e15, 0.000099999, 1.0 / 3, 2.0 / 3, 100.25, -3.6703, 9.0]
    let iterations = Int(ProcessInfo.processInfo.environment["PIPETOP_FUZZ_ITERATIONS"] ?? "") ?? 200_000
    for _ in 0..<iterations {
        let digits = Int.random(in: 1...9, using: &generator)
        let scale = Double(Int.random(in: 0...10, using: &generator))
        let mantissa = Double(Int.random(in: -999_999_999...999_999_999, using: &generator) % Int(pow(10, Double(digits))))
        let decimal = mantissa / pow(10, scale)
        // The decimal and its neighbours, which need all 17 digits.
        values += [decimal, decimal.nextUp, decimal.nextDown]
        values.append(Double(bitPattern: generator.next()))
        values.append(Double.random(in: -1_000...1_000, using: &generator))
    }
    let buffer = JSONTextBuffer()
    for d in values where d.isFinite {
        buffer.reset()
        DecodedValue.double(d).writeJSON(to: buffer)
        let ours = String(decoding: buffer.bytes, as: UTF8.self)
        let expected = d == d.rounded(.towardZero) && abs(d) < 1e15 && !(d == 0 && d.sign == .minus) ? String(Int64(d)) : d.description
        if ours != expected {
            Issue.record("\(d.bitPattern): \(ours) != \(expected)")
            return
        }
    }
}
