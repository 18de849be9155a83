import Testing

@testable import PipeTopCore

// The frames here are the ones confluent-kafka's SchemaId.id_to_bytes writes (magic, id, then
// for Protobuf the message indexes); the Kafka tests read frames its serializers produced.

private func frame(_ bytes: [UInt8]) throws(ValueDecodeError) -> (ConfluentFrame, [Int]?) {
    let result = bytes.withUnsafeBytes { b -> Result<(ConfluentFrame, [Int]?), ValueDecodeError> in
        do throws(ValueDecodeError) {
            var f = try ConfluentFrame(parsing: b)
            let indexes = b.count > f.payloadOffset ? try f.readMessageIndexes(b) : nil
            return .success((f, indexes))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}

@Test func readsIdAndMessageIndexes() throws {
    let (f, indexes) = try frame([0, 0, 0, 1, 0x2c, 0x00, 0x08, 0x01])
    #expect(f.schema == .id(300))
    #expect(indexes == [0])
    #expect(f.payloadOffset == 6)
    // [1, 0]: count 2 (zig-zag 4), 1 (zig-zag 2), 0.
    let (g, nested) = try frame([0, 0x7f, 0xff, 0xff, 0xff, 4, 2, 0, 0x0a])
    #expect(g.schema == .id(2_147_483_647))
    #expect(nested == [1, 0])
    #expect(g.payloadOffset == 8)
}

@Test func readsGUIDFrames() throws {
    let guid: [UInt8] = Array(1...16)
    let (f, _) = try frame([1] + guid)
    #expect(f.schema == .guid(guid))
    #expect(f.payloadOffset == 17)
    #expect(ConfluentFrame.SchemaRef.guid(guid).text == "guid 01020304-0506-0708-090a-0b0c0d0e0f10")
}

@Test(arguments: [
    ([UInt8](), "empty value, no schema registry frame at byte 0"),
    ([0, 0, 0], "schema registry frame shorter than 5 bytes at byte 3"),
    ([7, 0, 0, 0, 1], "not a schema registry frame (magic byte 7, expected 0) at byte 0"),
    ([0, 0, 0, 0, 1, 0x80], "message-index list ends inside a varint at byte 5"),
    ([0, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], "message-index varint longer than 10 bytes at byte 5"),
    ([0, 0, 0, 0, 1, 0x82, 0x01], "message-index list of 65 entries (at most 64) at byte 5"),
    ([0, 0, 0, 0, 1, 1], "message-index list of -1 entries (at most 64) at byte 5"),
    ([0, 0, 0, 0, 1, 2, 1], "negative message index -1 at byte 6"),
])
func refusesBadFrames(bytes: [UInt8], message: String) {
    do {
        _ = try frame(bytes)
        Issue.record("accepted \(bytes)")
    } catch {
        #expect(error.description == message)
    }
}
