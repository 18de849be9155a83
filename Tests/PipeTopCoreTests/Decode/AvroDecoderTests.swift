import Foundation
import Testing
import PipeTopCore

/// Avro decoding against bytes written by fastavro (`scripts/avro-fixtures.py`).
@Suite struct AvroDecoderTests {
    private func decode(_ f: AvroFixture) throws -> DecodedValue {
        try f.compiled().decode(f.bytes)
    }

    private func expectMatch(_ f: AvroFixture, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let value = try decode(f)
        #expect(
            AvroFixtures.matches(value, f.expected),
            "\(f.name): decoded \(value.jsonText)\nexpected \(f.expected.jsonText)", sourceLocation: sourceLocation)
    }

    @Test func everyFastavroCaseDecodesToItsNaturalJSON() throws {
        let all = try AvroFixtures.all()
        #expect(all.count >= 35, "the fixture script lists every type and logical type")
        for f in all where f.name != "recursive-list-100" {
            do {
                try expectMatch(f)
            } catch {
                Issue.record("\(f.name): \(error)")
            }
        }
    }

    @Test func primitivesKeepTheirExactValues() throws {
        let value = try decode(AvroFixtures.named("primitives"))
        #expect(value[member: "lmin"] == .int(.min))
        #expect(value[member: "l"] == .int(.max))
        #expect(value[member: "imin"] == .int(Int64(Int32.min)))
        #expect(value[member: "fl"] == .double(Double(Float(0.1))))
        #expect(value[member: "s"] == .string("héllo wörld ✓ 😀"))
        #expect(value[member: "b"] == .bytes([0, 1, 2, 250, 251, 255]))
        #expect(value[member: "n"] == .null)
    }

    @Test func recordsAreObjectsInSchemaOrderAndUnionsEnumsUnwrapped() throws {
        let f = try AvroFixtures.named("scored")
        let value = try decode(f)
        guard case .object(let members) = value else { Issue.record("not an object: \(value)"); return }
        #expect(members.map(\.name) == ["id", "model", "ts", "version", "score", "label", "decision", "features", "region", "latency_us"])
        #expect(value[member: "label"] == .null)
        #expect(value[member: "decision"] == .string("REVIEW"))
        #expect(value[member: "ts"] == .int(1_764_000_000_123))
        guard case .object(let features)? = value[member: "features"] else { Issue.record("features not an object"); return }
        #expect(features.map(\.name) == (0..<8).map { "f\($0)" })
    }

    @Test func decimalsAreExactTextWrittenUnquoted() throws {
        let value = try decode(AvroFixtures.named("decimal-bytes"))
        #expect(value[member: "v0"] == .decimal("-12.345"))
        #expect(value[member: "v2"] == .decimal("-0.050"))
        let json = value.jsonText
        #expect(json.hasPrefix(#"{"v0":-12.345,"v1":0.001,"v2":-0.050,"v3":0.000,"#), "\(json)")
        let long = try decode(AvroFixtures.named("decimal-long"))
        #expect(long[member: "v0"] == .decimal("-1234567890123456789012345678901234567890.0987654321"))
        let fixed = try decode(AvroFixtures.named("decimal-fixed16"))
        #expect(fixed[member: "v0"] == .decimal("-99999999999999999999999999999.123456789"))
    }

    @Test func datesAndTimestampsBefore1970UseTheProlepticCalendar() throws {
        let stamps = try decode(AvroFixtures.named("timestamp"))
        #expect(stamps[member: "ms2"] == .string("1969-12-31T23:59:59.999Z"))
        #expect(stamps[member: "ms3"] == .string("0001-01-01T00:00:00.000Z"))
        #expect(stamps[member: "us5"] == .string("1899-12-31T23:59:59.999999Z"))
        #expect(stamps[member: "lms"] == .string("1969-12-31T23:59:59.999"))
        let dates = try decode(AvroFixtures.named("date"))
        #expect(dates[member: "d3"] == .string("0001-01-01"))
        #expect(dates[member: "d6"] == .string("2000-02-29"))
    }

    @Test func bothWriterSchemasOfAnEvolvedSubjectDecode() throws {
        let v1 = try decode(AvroFixtures.named("evolution-v1"))
        let v2 = try decode(AvroFixtures.named("evolution-v2"))
        #expect(v1.jsonText == #"{"id":"k1","score":0.25}"#)
        #expect(v2.jsonText == #"{"id":"k1","score":0.25,"label":"fraud","version":2}"#)
        // The bytes of one version do not fit the other's schema.
        let v1Schema = try AvroFixtures.named("evolution-v1").compiled()
        #expect(throws: ValueDecodeError("8 bytes left over after the Avro datum", at: 11)) {
            try v1Schema.decode(AvroFixtures.named("evolution-v2").bytes)
        }
    }

    @Test func namedTypesResolveAcrossReferencedSchemas() throws {
        let f = try AvroFixtures.named("references")
        try expectMatch(f)
        #expect(throws: ValueDecodeError("invalid Avro schema: unknown type name \"com.acme.common.Money\"")) {
            try AvroSchema(parsing: f.schema)
        }
        let registered = RegisteredSchema(kind: .avro, text: f.schema, dependencies: f.references.map { Array($0.utf8) })
        #expect(try AvroSchema(registered: registered).decode(f.bytes) == decode(f))
    }

    @Test func recursiveSchemasDecodeUpToTheDepthLimit() throws {
        let sixty = try decode(AvroFixtures.named("recursive-list-60"))
        var node = sixty
        var length = 0
        while case .object = node {
            length += 1
            node = node[member: "next"] ?? .null
        }
        #expect(length == 60)
        let deep = try AvroFixtures.named("recursive-list-100")
        #expect(throws: ValueDecodeError.self) { try deep.compiled().decode(deep.bytes) }
        do {
            _ = try deep.compiled().decode(deep.bytes)
        } catch let error as ValueDecodeError {
            #expect(error.reason == "nesting deeper than 64 levels")
        }
    }

    @Test func negativeBlockCountsWithTheirByteSizeDecode() throws {
        // [1, -2, 300] as fastavro wrote it (count 3), re-blocked as Java's blocking encoder
        // does: count -3 then the block's 4 bytes, then as blocks of -2 and -1 items.
        let f = try AvroFixtures.named("long-array")
        #expect(f.bytes == [0x06, 0x02, 0x03, 0xD8, 0x04, 0x00])
        let schema = try f.compiled()
        #expect(try schema.decode([0x05, 0x08] + f.bytes[1..<5] + [0x00]) == .array([.int(1), .int(-2), .int(300)]))
        #expect(try schema.decode([0x03, 0x04, 0x02, 0x03, 0x01, 0x04, 0xD8, 0x04, 0x00]) == .array([.int(1), .int(-2), .int(300)]))
    }

    @Test func mapsInSeveralBlocksAndLargeMapsDecodeInOrder() throws {
        // {"a": 1, "b": 2} as fastavro wrote it, then re-blocked: -1 entry (3 bytes), -1 entry (3 bytes).
        let f = try AvroFixtures.named("long-map")
        #expect(f.bytes == [0x04, 0x02, 0x61, 0x02, 0x02, 0x62, 0x04, 0x00])
        let schema = try f.compiled()
        let expected = DecodedValue.object([DecodedMember("a", .int(1)), DecodedMember("b", .int(2))])
        #expect(try schema.decode([0x01, 0x06, 0x02, 0x61, 0x02, 0x01, 0x06, 0x02, 0x62, 0x04, 0x00]) == expected)
        #expect(try schema.decode([0x02, 0x02, 0x61, 0x02, 0x02, 0x02, 0x62, 0x04, 0x00]) == expected)
        // 5,000 entries in one block: more than is built in place, read by appending.
        let big = try decode(AvroFixtures.named("big-map"))
        guard case .object(let members) = big else { Issue.record("not an object"); return }
        #expect(members.count == 5_000)
        #expect(members.last == DecodedMember("k4999", .int(4_999)))
    }

    @Test func invalidSchemasAreRejectedWithAOneLineReason() throws {
        let cases: [(String, String)] = [
            (#""Nope""#, #"unknown type name "Nope""#),
            (#"{"type":"record","name":"R"}"#, #"record "R" without a "fields" array"#),
            (#"{"type":"record","fields":[]}"#, #"a record schema without a "name""#),
            (#"{"type":"record","name":"R","fields":[{"name":"a"}]}"#, #"field "a" of record "R" without a "type""#),
            (#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}"#, #"field "a" appears twice in record "R""#),
            (#"{"type":"enum","name":"E","symbols":["A","A"]}"#, #"enum "E" lists "A" twice"#),
            (#"{"type":"enum","name":"E"}"#, #"enum "E" without a "symbols" array"#),
            (#"{"type":"fixed","name":"F","size":-1}"#, #"fixed "F" without a non-negative integer "size""#),
            (#"{"type":"array"}"#, #"array schema without "items""#),
            (#"{"type":"map"}"#, #"map schema without "values""#),
            (#"["null",["int"]]"#, "a union may not contain a union directly"),
            (#"["int","string","int"]"#, #"a union lists "int" twice"#),
            (#"{"type":"record","name":"1bad","fields":[]}"#, #"invalid name "1bad""#),
            (#"{"type":"fixed","name":"int","size":1}"#, #""int" is a primitive type name and cannot be redefined"#),
            (#"[{"type":"fixed","name":"F","size":1},{"type":"fixed","name":"F","size":2}]"#, #"type "F" is defined twice"#),
            (#"{"name":"x"}"#, #"a schema object without "type": {"name":"x"}"#),
            ("42", "a schema must be a type name, an object or a union array, not 42"),
        ]
        for (schema, reason) in cases {
            #expect(throws: ValueDecodeError("invalid Avro schema: " + reason), "\(schema)") { try AvroSchema(parsing: schema) }
        }
        #expect(throws: ValueDecodeError.self) { try AvroSchema(parsing: "{not json") }
        // 300 nested arrays: past the schema JSON depth limit, an error and no deep recursion.
        let deep = String(repeating: #"{"type":"array","items":"#, count: 300) + #""int""# + String(repeating: "}", count: 300)
        #expect(throws: ValueDecodeError.self) { try AvroSchema(parsing: deep) }
        let fine = String(repeating: #"{"type":"array","items":"#, count: 60) + #""int""# + String(repeating: "}", count: 60)
        #expect(try AvroSchema(parsing: fine).decode([0x00]) == .array([]))
        #expect(throws: ValueDecodeError("referenced schema 1: invalid Avro schema: unknown type name \"X\"")) {
            try AvroSchema(parsing: "\"int\"", references: ["\"X\""])
        }
    }

    @Test func namespacesGiveFullnamesAndShortNamesResolveInTheEnclosingOne() throws {
        try expectMatch(AvroFixtures.named("named-types"))
        // Inner is com.acme.Inner: outside com.acme its short name is unknown.
        let schema = #"{"type":"record","name":"a.Outer","fields":[{"name":"x","type":{"type":"record","name":"Inner","fields":[]}},{"name":"y","type":{"type":"record","name":"b.Other","fields":[{"name":"z","type":"Inner"}]}}]}"#
        #expect(throws: ValueDecodeError("invalid Avro schema: unknown type name \"Inner\" (in namespace \"b\")")) {
            try AvroSchema(parsing: schema)
        }
    }
}
