import Foundation
import Testing
import PipeTopCore

// Bytes and expected trees come from protobuf's own Python runtime (ProtobufTestFixtures);
// hostile inputs are real messages cut or patched.

/// The tree as its JSON text reads back, objects' members sorted: protobuf's printer lists
/// set fields first, so member order is compared separately (declaration-order tests).
private func comparable(_ value: DecodedValue) -> DecodedValue {
    switch value {
    case .object(let members):
        return .object(members.map { DecodedMember($0.name, comparable($0.value)) }.sorted { $0.name < $1.name })
    case .array(let items):
        return .array(items.map(comparable))
    case .double(let d) where d == d.rounded() && abs(d) < 9.0e18:
        return .int(Int64(d))  // 1.0 in Python's JSON is 1 in ours
    case .uint(let u) where u <= UInt64(Int64.max):
        return .int(Int64(u))
    default:
        return value
    }
}

/// `value` printed as JSON and parsed back (bytes become base64 text, NaN the string "NaN").
private func printed(_ value: DecodedValue) throws -> DecodedValue {
    var parser = JSONTreeParser()
    return try value.jsonBytes().withUnsafeBytes { raw in Result { () throws(ValueDecodeError) in try parser.parse(raw) } }.get()
}

private func pool() throws -> ProtobufDescriptorPool {
    try ProtobufDescriptorPool(descriptorSet: try ProtobufTestFixtures.load().descriptorSet)
}

private func fixtureCase(_ name: String) throws -> ProtobufTestFixtures.Case {
    guard let c = try ProtobufTestFixtures.load().cases.first(where: { $0.name == name }) else {
        throw FixtureError("no case named \(name) in make_cases.py's output")
    }
    return c
}

private func decodeError(_ type: String, _ bytes: [UInt8]) throws -> ValueDecodeError? {
    let decoder = try pool().decoder(forMessage: type)
    do {
        _ = try decoder.decode(bytes)
        return nil
    } catch {
        return error
    }
}

/// Protobuf's varint encoding of `v`.
private func varint(_ v: UInt64) -> [UInt8] {
    var v = v
    var out: [UInt8] = []
    while v >= 0x80 {
        out.append(UInt8(v & 0x7F) | 0x80)
        v >>= 7
    }
    out.append(UInt8(v))
    return out
}

@Test func protobufDecodesEveryCaseAsProtobufsJSONPrinterDoes() throws {
    let g = try ProtobufTestFixtures.load()
    let pool = try ProtobufDescriptorPool(descriptorSet: g.descriptorSet)
    #expect(g.cases.count >= 45)
    for c in g.cases {
        let decoder = try pool.decoder(forMessage: c.type)
        let value: DecodedValue
        do {
            value = try decoder.decode(c.bytes)
        } catch {
            Issue.record("\(c.name): \(error)")
            continue
        }
        let got = comparable(try printed(value))
        let want = comparable(c.expected)
        if got != want { Issue.record("\(c.name)\n got: \(got.jsonText)\nwant: \(want.jsonText)") }
    }
}

@Test func protobufObjectMembersFollowDeclarationOrder() throws {
    let order = try pool().decoder(forMessage: "pipetop.test.Order").decode(try fixtureCase("declaration order").bytes)
    #expect(order == .object([DecodedMember("zulu", .int(1)), DecodedMember("alpha", .string("a")), DecodedMember("mike", .bool(true))]))
    let scored = try pool().decoder(forMessage: ".pipetop.test.Scored").decode(try fixtureCase("scored, empty (defaults, no presence fields)").bytes)
    guard case .object(let members) = scored else { throw FixtureError("not an object") }
    #expect(members.map(\.name) == ["id", "model", "version", "score", "color", "ts", "features"])
}

@Test func protobufScoredRecordHasTheNaturalShape() throws {
    let value = try pool().decoder(forMessage: "pipetop.test.Scored").decode(try fixtureCase("scored, every field set").bytes)
    #expect(value[member: "version"] == .int(7))
    #expect(value[member: "ts"] == .int(1_764_748_800_123))
    #expect(value[member: "color"] == .string("GREEN"))
    #expect(value[member: "at"] == .string("2025-12-03T08:00:00.123Z"))
    #expect(value[member: "features"]?[member: "f7"] == .double(5.75))
}

@Test func protobufTimestampsAndDurationsOutOfRangeShowTheirFields() throws {
    let g = try ProtobufTestFixtures.load()
    let decoder = try ProtobufDescriptorPool(descriptorSet: g.descriptorSet).decoder(forMessage: "pipetop.test.WellKnown")
    #expect(g.unprintable.count == 8)
    for (field, c) in g.unprintable {
        #expect(try decoder.decode(c.bytes)[member: field] == c.expected, "\(c.name)")
    }
}

@Test func protobufLargeUnsignedValuesAreUintNumbers() throws {
    let value = try pool().decoder(forMessage: "pipetop.test.Scalars").decode(try fixtureCase("scalars, uint64 just above Int64.max").bytes)
    #expect(value[member: "f_uint64"] == .uint(9_223_372_036_854_775_808))
    #expect(value[member: "f_fixed64"] == .uint(9_223_372_036_854_775_808))
    #expect(value.jsonText.contains(#""f_uint64":9223372036854775808"#))
}

@Test func protobufMessageIndexesPickTheMessageConfluentKafkaPicks() throws {
    let g = try ProtobufTestFixtures.load()
    let pool = try ProtobufDescriptorPool(descriptorSet: g.descriptorSet)
    #expect(g.indexes.count == 6)
    for (indexes, file, name) in g.indexes {
        #expect(try pool.messageName(indexes: indexes, inFile: file) == name)
        #expect(try pool.decoder(messageIndexes: indexes, inFile: file).messageName == name)
    }
    // The registry schema's own file is the default.
    let registry = try ProtobufDescriptorPool(schema: g.schema)
    #expect(try registry.messageName(indexes: [1, 0, 0]) == "pipetop.test.Outer.Middle.Inner")
}

@Test func protobufMessageIndexOutOfRangeFails() throws {
    let pool = try ProtobufDescriptorPool(schema: try ProtobufTestFixtures.load().schema)
    #expect(throws: ValueDecodeError.self) { try pool.messageName(indexes: [99]) }
    #expect(throws: ValueDecodeError.self) { try pool.messageName(indexes: [1, 5]) }
    #expect(throws: ValueDecodeError.self) { try pool.messageName(indexes: [1, 0, 0, 0]) }
    #expect(throws: ValueDecodeError.self) { try pool.messageName(indexes: []) }
    #expect(throws: ValueDecodeError.self) { try pool.messageName(indexes: [0], inFile: "nope.proto") }
}

@Test func protobufFramedValuesFromConfluentSerializerDecode() throws {
    let g = try ProtobufTestFixtures.load()
    let pool = try ProtobufDescriptorPool(schema: g.schema)
    #expect(g.framed.count == 3)
    for c in g.framed {
        try c.bytes.withUnsafeBytes { raw in
            var frame = try ConfluentFrame(parsing: raw)
            let indexes = try frame.readMessageIndexes(raw)
            let decoder = try pool.decoder(messageIndexes: indexes)
            #expect(decoder.messageName == c.type)
            let value = try decoder.decode(UnsafeRawBufferPointer(rebasing: raw[frame.payloadOffset...]))
            #expect(comparable(try printed(value)) == comparable(c.expected), "\(c.name)")
        }
    }
}

@Test func protobufRegistrySchemaUsesBuiltinWellKnownFiles() throws {
    // The registry's references leave google/protobuf/*.proto out; the pool has them built in.
    let g = try ProtobufTestFixtures.load()
    #expect(g.schema.dependencies.count == 1)
    let pool = try ProtobufDescriptorPool(schema: g.schema)
    for name in ["well-known types", "any holding a message with well-known types", "value holding a struct"] {
        let c = try fixtureCase(name)
        let value = try pool.decoder(forMessage: c.type).decode(c.bytes)
        #expect(comparable(try printed(value)) == comparable(c.expected), "\(name)")
    }
}

@Test func protobufPoolErrorsAreOneLine() throws {
    let g = try ProtobufTestFixtures.load()
    do {
        _ = try ProtobufDescriptorPool(descriptorSet: g.descriptorSetWithoutImports)
        Issue.record("a set without common.proto was accepted")
    } catch {
        #expect(error.reason.contains("pipetop/test/common.proto"))
        #expect(!error.description.contains("\n"))
    }
    do {
        _ = try ProtobufDescriptorPool(file: g.schema.protobufFile, dependencies: [])
        Issue.record("a schema without its reference was accepted")
    } catch {
        #expect(error.reason.contains("missing"))
    }
    let pool = try ProtobufDescriptorPool(descriptorSet: g.descriptorSet)
    #expect(throws: ValueDecodeError("no Protobuf message type pipetop.test.Nope in pipetop/test/legacy.proto or the files it imports")) {
        try pool.decoder(forMessage: "pipetop.test.Nope")
    }
    let unknownType = ProtobufFileDescriptor(name: "x.proto", package: "x", messages: [
        .init(name: "M", fields: [.init(name: "f", number: 1, type: 11, typeName: ".x.Missing")]),
    ], syntax: .proto3)
    #expect(throws: ValueDecodeError("Protobuf field x.M.f has unknown message type \".x.Missing\"")) {
        try ProtobufDescriptorPool(files: [unknownType], mainFile: "x.proto")
    }
}

@Test func protobufRelativeTypeNamesResolveByScope() throws {
    let file = ProtobufFileDescriptor(name: "r.proto", package: "a.b", messages: [
        .init(name: "Outer", fields: [.init(name: "inner", number: 1, type: 11, typeName: "Inner"),
                                      .init(name: "top", number: 2, type: 11, typeName: "b.Top")],
              nested: [.init(name: "Inner", fields: [.init(name: "v", number: 1, type: 5)])]),
        .init(name: "Top", fields: [.init(name: "w", number: 1, type: 9)]),
    ], syntax: .proto3)
    let decoder = try ProtobufDescriptorPool(files: [file], mainFile: "r.proto").decoder(forMessage: "a.b.Outer")
    // inner {v: 5}, top {w: "x"}
    let value = try decoder.decode([0x0A, 0x02, 0x08, 0x05, 0x12, 0x03, 0x0A, 0x01, 0x78])
    #expect(value == .object([DecodedMember("inner", .object([DecodedMember("v", .int(5))])),
                              DecodedMember("top", .object([DecodedMember("w", .string("x"))]))]))
}

@Test func protobufMalformedDescriptorSetsFail() throws {
    let set = try ProtobufTestFixtures.load().descriptorSet
    for cut in stride(from: 1, to: set.count - 1, by: max(1, set.count / 97)) {
        // A cut set either fails or (cut between files) lacks what the last file imports.
        #expect(throws: ValueDecodeError.self) { try ProtobufDescriptorPool(descriptorSet: Array(set[..<cut])) }
    }
    #expect(throws: ValueDecodeError("the Protobuf descriptor set holds no file")) { try ProtobufDescriptorPool(descriptorSet: []) }
    #expect(throws: ValueDecodeError.self) { try ProtobufDescriptorPool(descriptorSet: [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) }
    #expect(throws: ValueDecodeError.self) { try ProtobufDescriptorPool(descriptorSet: Array("not a descriptor set".utf8)) }
    var wrongSyntax = set
    // Mark everything.proto's syntax as something else (protoc writes it last; legacy.proto, proto2, has none).
    if let i = lastIndex(of: Array("proto3".utf8), in: wrongSyntax) {
        wrongSyntax[i + 5] = UInt8(ascii: "9")
        #expect(throws: ValueDecodeError("malformed FileDescriptorSet: file pipetop/test/everything.proto has unknown syntax \"proto9\"")) {
            try ProtobufDescriptorPool(descriptorSet: wrongSyntax)
        }
    } else {
        Issue.record("everything.proto's syntax is not in the set")
    }
}

private func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for i in stride(from: haystack.count - needle.count, through: 0, by: -1) where Array(haystack[i..<i + needle.count]) == needle {
        return i
    }
    return nil
}

// MARK: - Hostile input: real messages cut and patched

@Test func protobufTruncatedVarintFails() throws {
    let c = try fixtureCase("scalars, typical")
    // f_int64 (field 3) is negative: a 10-byte varint after its tag 0x18.
    guard let tag = c.bytes.firstIndex(of: 0x18) else { throw FixtureError("no field 3") }
    let error = try decodeError(c.type, Array(c.bytes[...(tag + 4)]))
    #expect(error?.reason == "Protobuf value ends inside a varint")
    #expect(error?.offset == tag + 1)
}

@Test func protobufVarintOver10BytesFails() throws {
    let c = try fixtureCase("scalars, typical")
    guard let tag = c.bytes.firstIndex(of: 0x18) else { throw FixtureError("no field 3") }
    var bytes = c.bytes
    bytes[tag + 10] |= 0x80  // the 10th byte continues: an 11-byte varint
    bytes.insert(0x01, at: tag + 11)
    let error = try decodeError(c.type, bytes)
    #expect(error == ValueDecodeError("Protobuf varint longer than 10 bytes", at: tag + 1))
}

@Test func protobufEveryPrefixOfAMessageDecodesOrFails() throws {
    let c = try fixtureCase("scored, every field set")
    let decoder = try pool().decoder(forMessage: c.type)
    var failures = 0
    for n in 0..<c.bytes.count {
        do {
            _ = try decoder.decode(Array(c.bytes[..<n]))
        } catch {
            failures += 1
            #expect((0...n).contains(error.offset ?? -1), "cut at \(n): \(error)")
        }
    }
    #expect(failures > c.bytes.count / 2)
}

@Test func protobufLengthPastTheEndFails() throws {
    let c = try fixtureCase("scored, every field set")
    var bytes = c.bytes
    #expect(bytes[0] == 0x0A && bytes[1] == 10)  // id: "rec-000123"
    bytes[1...1] = [0xFF, 0x7F]  // 16,383 bytes
    let error = try decodeError(c.type, bytes)
    #expect(error?.reason.hasPrefix("Protobuf length 16383 runs past the end") == true)
    #expect(error?.offset == 1)
    // Inside a nested message (the map entry), its own end is the limit, not the buffer's.
    // An entry: tag 0x42, length, key tag 0x0A, key length 2, "f…".
    var nested = c.bytes
    guard let entry = nested.indices.dropLast(5).first(where: {
        nested[$0] == 0x42 && nested[$0 + 2] == 0x0A && nested[$0 + 3] == 2 && nested[$0 + 4] == UInt8(ascii: "f")
    }) else { throw FixtureError("no map entry") }
    nested[entry + 3] = 0x7F  // the key's length, past the entry's end though not the message's
    #expect(try decodeError(c.type, nested)?.reason.hasPrefix("Protobuf length 127 runs past the end") == true)
}

@Test func protobuf100MBLengthPrefixFailsAtOnce() throws {
    let c = try fixtureCase("scored, optional label set to empty")
    // id (field 1) claims 100 MB in a message of a few bytes: rejected before anything is read.
    let bytes = [0x0A] + varint(100_000_000) + Array(c.bytes.dropFirst(2))
    let clock = ContinuousClock()
    let start = clock.now
    let error = try decodeError(c.type, bytes)
    #expect(clock.now - start < .milliseconds(100))
    #expect(error?.reason.hasPrefix("Protobuf length 100000000 runs past the end of the value") == true)
    #expect(error?.offset == 1)
}

@Test func protobufWrongWireTypeIsSkippedAsUnknown() throws {
    let c = try fixtureCase("wire types mismatched: skipped as unknown")
    let value = try pool().decoder(forMessage: c.type).decode(c.bytes)
    #expect(value == .object([DecodedMember("f1", .int(0)), DecodedMember("f2", .string("")), DecodedMember("f3", .double(0))]))
}

@Test func protobufFieldNumberZeroFails() throws {
    let c = try fixtureCase("scored, every field set")
    #expect(try decodeError(c.type, [0x00, 0x00] + c.bytes) == ValueDecodeError("Protobuf field number 0", at: 0))
    #expect(try decodeError(c.type, c.bytes + [0x02, 0x00]) == ValueDecodeError("Protobuf field number 0", at: c.bytes.count))
}

@Test func protobufNonexistentWireTypeFails() throws {
    let c = try fixtureCase("scored, every field set")
    var bytes = c.bytes
    bytes[0] = 0x0F  // field 1, wire type 7
    #expect(try decodeError(c.type, bytes) == ValueDecodeError("Protobuf wire type 7 does not exist", at: 0))
}

@Test func protobufGroupErrorsFail() throws {
    let c = try fixtureCase("proto2, everything set")
    guard let start = c.bytes.firstIndex(of: 0x33), let end = c.bytes.lastIndex(of: 0x34) else { throw FixtureError("no group") }
    var mismatched = c.bytes
    mismatched[end] = 0x3C  // ends group 7, not 6
    #expect(try decodeError(c.type, mismatched)?.reason == "Protobuf end-group tag (field 7) without a matching start")
    #expect(try decodeError(c.type, Array(c.bytes[..<end]))?.reason == "Protobuf group (field 6) has no end-group tag")
    #expect(try decodeError(c.type, [0x0C] + c.bytes) == ValueDecodeError("Protobuf end-group tag (field 1) without a matching start", at: 0))
    #expect(start < end)
    // An unknown group (field 20 of LegacyWide) cut before its end, and closed by the wrong tag.
    let wide = try fixtureCase("proto2, unknown group and fields skipped, closed enum unknown dropped")
    guard let unknownEnd = wide.bytes.firstIndex(of: 0xA4) else { throw FixtureError("no unknown group end") }
    #expect(try decodeError(wide.type, Array(wide.bytes[..<unknownEnd]))?.reason.contains("no end-group tag") == true)
    var wrongEnd = wide.bytes
    wrongEnd[unknownEnd] = 0xAC  // field 21
    #expect(try decodeError(wide.type, wrongEnd)?.reason == "Protobuf end-group tag for field 21 closes group 20")
}

@Test func protobufNestingDeeperThan64Fails() throws {
    let c = try fixtureCase("recursive type, 61 levels")
    #expect(try decodeError(c.type, c.bytes) == nil)
    // Wrapped in 4 more levels (`left`, field 3) the deepest tree is 64 below the root: the limit.
    var deeper = c.bytes
    for _ in 0..<4 { deeper = [0x1A] + varint(UInt64(deeper.count)) + deeper }
    #expect(try decodeError(c.type, deeper) == nil)
    deeper = [0x1A] + varint(UInt64(deeper.count)) + deeper
    #expect(try decodeError(c.type, deeper)?.reason == "Protobuf nesting deeper than 64")
    // Unknown groups nested 100 deep (field 20 start tags) are refused the same way.
    let groups: [UInt8] = (0..<200).map { $0 % 2 == 0 ? 0xA3 : 0x01 }
    #expect(try decodeError(c.type, groups)?.reason == "Protobuf nesting deeper than 64")
}

@Test func protobufInvalidUTF8Fails() throws {
    let c = try fixtureCase("scored, every field set")
    var bytes = c.bytes
    bytes[3] = 0xFF  // inside the id
    #expect(try decodeError(c.type, bytes) == ValueDecodeError("Protobuf string is not valid UTF-8", at: 2))
    var overlong = c.bytes
    overlong[3] = 0xC0
    overlong[4] = 0x80  // an overlong NUL
    #expect(try decodeError(c.type, overlong)?.reason == "Protobuf string is not valid UTF-8")
    // Bytes fields take anything.
    let scalars = try fixtureCase("scalars, typical")
    #expect(try decodeError(scalars.type, scalars.bytes) == nil)
}
