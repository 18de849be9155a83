import PipeTopCore

extension KafkaMessage {
    /// The value decoded, the schema frame read from the `__value_schema_id` header when the
    /// producer put it there; nil for a null value (a tombstone).
    public func decodedValue(with decoder: inout MessageDecoder) throws(ValueDecodeError) -> DecodedValue? {
        guard let value else { return nil }
        return try decoder.decode(value, schemaHeader: header(MessageDecoder.valueSchemaHeader))
    }

    /// The value decoded and written as natural JSON at the end of `out` (Avro and Protobuf
    /// without building the tree); `null` for a tombstone. On an error `out` is as it was.
    public func writeValueJSON(with decoder: inout MessageDecoder, to out: JSONTextBuffer) throws(ValueDecodeError) {
        guard let value else {
            DecodedValue.null.writeJSON(to: out)
            return
        }
        try decoder.writeJSON(value, schemaHeader: header(MessageDecoder.valueSchemaHeader), to: out)
    }

    /// The key decoded (its frame from `__key_schema_id` when there is one); a key that does not
    /// decode is shown raw, as text or base64: keys are often plain ids that merely look
    /// framed, and never make a message undecodable. Nil when there is no key.
    public func decodedKey(with decoder: inout MessageDecoder) -> DecodedValue? {
        guard let key else { return nil }
        return (try? decoder.decode(key, schemaHeader: header(MessageDecoder.keySchemaHeader))) ?? MessageDecoder.raw(key)
    }
}
