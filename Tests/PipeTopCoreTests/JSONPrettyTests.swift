import Foundation
import Testing
@testable import PipeTopCore

@Suite struct JSONPrettyTests {
    @Test func indentsMembersAndNestedObjectsOnePerLine() {
        let lines = JSONPretty.lines(#"{"type":"scored","score":0.5,"features":{"x0":1,"x1":-2.5},"tags":[],"meta":{}}"#)
        #expect(lines == [
            "{",
            #"  "type": "scored","#,
            #"  "score": 0.5,"#,
            #"  "features": {"#,
            #"    "x0": 1,"#,
            #"    "x1": -2.5"#,
            "  },",
            #"  "tags": [],"#,
            #"  "meta": {}"#,
            "}",
        ])
    }

    @Test func stringsAreCopiedAsTheyAreWithTheirEscapesAndPunctuation() {
        let lines = JSONPretty.lines(#"{"key":"a,b:{c}\"[d]\\","k\u00e9y":"ü"}"#)
        #expect(lines == ["{", #"  "key": "a,b:{c}\"[d]\\","#, #"  "k\u00e9y": "ü""#, "}"])
    }

    @Test func whitespaceOutsideStringsIsRedone() {
        #expect(JSONPretty.lines("{ \"a\" :\n [ 1 , 2 ] , \"b\" : [ ] }") == ["{", #"  "a": ["#, "    1,", "    2", "  ],", #"  "b": []"#, "}"])
    }

    @Test func aScoredRecordStaysTheSameJSONOnceIndented() throws {
        let e = ScoredEvent(pipeline: "fraud", tsMs: 1_700_000_000_000, key: "tx \"1\"", model: "fraud-lr", version: 3, score: 0.25,
                            label: .number(1), features: [NamedValue(name: "amount", value: 1_250.5), NamedValue(name: "age", value: 41)])
        let compact = EventEncoder.encode(.scored(e))
        let pretty = JSONPretty.lines(compact).joined(separator: "\n")
        let a = try JSONSerialization.jsonObject(with: Data(compact.utf8)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: Data(pretty.utf8)) as? NSDictionary
        #expect(a != nil && a == b)
    }
}
